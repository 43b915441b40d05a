// The page's state (plan, date, knowledge, view, filters) lives in the URL's query string, so every view can be
// bookmarked and shared; each control changes the state, and the state is rendered from scratch.
import {getJson, signIn, signOut, signedInUser} from './api.js';
import {renderAudit, wireCsvLink} from './audit.js';
import {renderDiff} from './compare.js';
import {drawIndicatorChart} from './indicator-chart.js';
import {renderIndicators, renderOutline} from './plan.js';
import {renderVerification} from './verify.js';
import {language, setLanguage, targetText, translatePage, word} from './words.js';

const KEPT = ['plan', 'asOf', 'knownAt', 'view', 'indicator', 'from', 'to', 'element', 'actor', 'type', 'auditFrom',
    'auditTo', 'after', 'lang'];
const DAY = 86400000;
const $ = id => document.getElementById(id);

const query = new URLSearchParams(location.search);
const state = Object.fromEntries(KEPT.filter(k => query.get(k)).map(k => [k, query.get(k)]));
state.view ??= 'plan';
let plans = [];
let changeDates = [];
let bounds = {min: null, max: null};
let rendering = 0; // a slower answer for an earlier state must not overwrite a later one
const auditCursors = [];

function writeUrl() {
    history.replaceState(null, '', '?' + new URLSearchParams(KEPT.filter(k => state[k]).map(k => [k, state[k]])));
    const report = new URLSearchParams(['plan', 'asOf', 'knownAt', 'lang'].filter(k => state[k]).map(k => [k, state[k]]));
    $('report-link').href = 'report.html?' + report;
}

const dayIndex = date => Math.round((Date.parse(date) - Date.parse(bounds.min)) / DAY);
const dateAt = index => new Date(Date.parse(bounds.min) + index * DAY).toISOString().slice(0, 10);
const plainDate = date => /^\d{4}-\d{2}-\d{2}$/.test(date ?? '');

function planPath(suffix = '') {
    return `api/plans/${encodeURIComponent(state.plan)}${suffix}`;
}

function pointQuery() {
    const point = new URLSearchParams({asOf: state.asOf});
    if (state.knownAt) point.set('knownAt', state.knownAt);
    return point;
}

/** The plan's period as bounds of the slider: from adoption (nothing is in force before) to the period's end. */
function choosePlan() {
    const plan = plans.find(p => p.code === state.plan) ?? plans[0];
    state.plan = plan.code;
    bounds = {min: plan.adoptedOn, max: `${Math.max(plan.period.to, Number(plan.adoptedOn.slice(0, 4)))}-12-31`};
    const today = new Date().toISOString().slice(0, 10);
    if (!plainDate(state.asOf)) state.asOf = today < bounds.min ? bounds.min : today > bounds.max ? bounds.max : today;
}

async function loadChangeDates() {
    const known = state.knownAt ? '?knownAt=' + encodeURIComponent(state.knownAt) : '';
    changeDates = (await getJson(planPath('/change-dates') + known)).dates.map(d => d.date)
        .filter(d => d >= bounds.min && d <= bounds.max);
    $('change-stops').replaceChildren(...changeDates.map(d => new Option(d, dayIndex(d))));
}

function showControls() {
    $('plan').value = state.plan;
    $('as-of').value = state.asOf;
    $('as-of').min = bounds.min;
    $('as-of').max = bounds.max;
    const slider = $('as-of-slider');
    slider.min = 0;
    slider.max = dayIndex(bounds.max);
    slider.value = dayIndex(state.asOf);
    slider.setAttribute('aria-valuetext', state.asOf);
    $('known-at').value = state.knownAt ?? '';
    $('previous-change').disabled = !changeDates.some(d => d < state.asOf);
    $('next-change').disabled = !changeDates.some(d => d > state.asOf);
    $('lang').textContent = language === 'zh' ? 'English' : '中文';
    $('lang').lang = language === 'zh' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-view]').forEach(b => b.setAttribute('aria-pressed', b.dataset.view === state.view));
    document.querySelectorAll('[data-view-panel]').forEach(p => { p.hidden = p.dataset.viewPanel !== state.view; });
    const filters = $('audit-filters').elements;
    ['element', 'actor', 'type', 'auditFrom', 'auditTo'].forEach(name => { filters[name].value = state[name] ?? ''; });
    $('compare-dates').elements.from.value = state.from ?? '';
    $('compare-dates').elements.to.value = state.to ?? '';
}

async function show() {
    const ticket = ++rendering;
    writeUrl();
    showControls();
    const main = document.querySelector('main');
    main.setAttribute('aria-busy', 'true');
    try {
        await VIEWS[state.view](ticket);
        if (ticket === rendering) $('message').textContent = '';
    } catch (error) {
        if (ticket === rendering) $('message').textContent = error.message;
    } finally {
        if (ticket === rendering) main.removeAttribute('aria-busy');
    }
}

const VIEWS = {
    async plan(ticket) {
        const [plan, progress] = await Promise.all([getJson(planPath('?') + pointQuery()),
            getJson(planPath('/progress?') + pointQuery())]);
        // The changes since adoption give each revised target its reason and decision.
        const since = new URLSearchParams({from: plan.adoptedOn, to: plan.asOf});
        if (state.knownAt) since.set('knownAt', state.knownAt);
        const diff = plan.asOf > plan.adoptedOn ? await getJson(planPath('/diff?') + since) : null;
        if (ticket !== rendering) return;
        $('plan-title').textContent = `${plan.title}（${plan.plan}）`;
        $('up-to-date').textContent = word('upToDate', {time: plan.upToDate.lastRecordedAt ?? '—',
            sequence: plan.upToDate.lastSequence});
        renderIndicators($('indicators'), plan, progress, diff, code => {
            state.indicator = code;
            show().then(() => $('chart-panel').scrollIntoView());
        });
        renderOutline($('outline'), plan);
        const indicator = plan.indicators.find(i => i.code === state.indicator);
        $('chart-panel').hidden = !indicator;
        if (indicator) {
            const history = await getJson(planPath(`/indicators/${encodeURIComponent(indicator.code)}/history`));
            if (ticket !== rendering) return;
            $('chart-title').textContent = `${indicator.code} ${indicator.name}（${indicator.unit ?? ''}）· `
                + `${word('target')} ${targetText(indicator.target)}`;
            $('chart-legend').textContent = word('chartHint');
            drawIndicatorChart($('chart'), indicator, history, {asOf: plan.asOf, knownAt: state.knownAt}, plan.period);
        }
    },
    async audit() {
        wireCsvLink($('audit-csv'), state);
        await renderAudit($('audit-entries'), state, {
            next: $('audit-next'), previous: $('audit-previous'),
            go: after => {
                auditCursors.push(state.after ?? 0);
                state.after = after;
                show();
            },
        });
    },
    async compare() {
        state.from ??= bounds.min;
        state.to ??= state.asOf;
        showControls();
        await renderDiff($('diff'), state);
    },
    async verify() {
        await renderVerification($('verification'), state.plan);
    },
};

function moveTo(date) {
    if (!plainDate(date)) return;
    state.asOf = date;
    show();
}

function wire() {
    $('point').addEventListener('submit', event => event.preventDefault());
    $('plan').addEventListener('change', async event => {
        state.plan = event.target.value;
        delete state.asOf;
        delete state.indicator;
        choosePlan();
        await loadChangeDates();
        show();
    });
    $('as-of').addEventListener('change', event => moveTo(event.target.value));
    const slider = $('as-of-slider');
    slider.addEventListener('input', () => {
        $('as-of').value = dateAt(Number(slider.value));
        slider.setAttribute('aria-valuetext', $('as-of').value);
    });
    slider.addEventListener('change', () => moveTo(dateAt(Number(slider.value))));
    $('previous-change').addEventListener('click', () => moveTo(changeDates.filter(d => d < state.asOf).pop()));
    $('next-change').addEventListener('click', () => moveTo(changeDates.find(d => d > state.asOf)));
    const knownAt = async value => {
        state.knownAt = value.trim() || undefined;
        try {
            await loadChangeDates();
        } catch (error) {
            $('message').textContent = error.message;
            return;
        }
        show();
    };
    $('known-at').addEventListener('change', event => knownAt(event.target.value));
    $('known-now').addEventListener('click', () => knownAt(''));
    $('lang').addEventListener('click', () => {
        state.lang = language === 'zh' ? 'en' : 'zh';
        setLanguage(state.lang);
        translatePage();
        showSignIn();
        show();
    });
    document.querySelectorAll('[data-view]').forEach(button => button.addEventListener('click', () => {
        state.view = button.dataset.view;
        show();
    }));
    $('audit-filters').addEventListener('submit', event => {
        event.preventDefault();
        const filters = event.target.elements;
        ['element', 'actor', 'type', 'auditFrom', 'auditTo'].forEach(name => {
            state[name] = filters[name].value.trim() || undefined;
        });
        delete state.after;
        auditCursors.length = 0;
        show();
    });
    $('audit-previous').addEventListener('click', () => {
        state.after = auditCursors.pop() || undefined;
        show();
    });
    $('compare-dates').addEventListener('submit', event => {
        event.preventDefault();
        state.from = event.target.elements.from.value;
        state.to = event.target.elements.to.value;
        show();
    });
    $('verify').addEventListener('click', () => show());
    $('sign-in-out').addEventListener('click', async () => {
        if (signedInUser()) {
            signOut();
        } else if (!await signIn(word('signInWhy'))) {
            return;
        }
        location.reload(); // every answer again, for the new reader; the state is in the address
    });
}

/** The sign-in button says what it does, and who is signed in. */
function showSignIn() {
    const user = signedInUser();
    $('sign-in-out').dataset.word = user ? 'signOut' : 'signIn';
    $('sign-in-out').textContent = word($('sign-in-out').dataset.word);
    $('signed-in-as').textContent = user ? word('signedInAs', {user}) : '';
}

async function start() {
    translatePage();
    showSignIn();
    wire();
    try {
        plans = (await getJson('api/plans')).plans;
        $('plan').replaceChildren(...plans.map(p => new Option(`${p.title}（${p.code}）`, p.code)));
        if (plans.length === 0) return;
        choosePlan();
        await loadChangeDates();
    } catch (error) {
        $('message').textContent = error.message;
        return;
    }
    show();
}

start();
