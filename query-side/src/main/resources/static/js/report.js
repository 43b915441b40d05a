// The evaluation report: the plan as of a date (and as known at a time), every indicator with baseline, target in
// force, planned value, latest finding, gap and status; the changes since adoption with reasons and decisions; and
// the statement of which state of the record it shows. Printed with the browser's print (print CSS in page.css).
import {getJson} from './api.js';
import {el} from './dom.js';
import {revisionNote, statusBadge} from './plan.js';
import {targetText, translatePage, valueText, word} from './words.js';

const query = new URLSearchParams(location.search);

async function render() {
    translatePage();
    document.getElementById('print').addEventListener('click', () => window.print());
    document.getElementById('back').href = './?' + query;
    const base = `api/plans/${encodeURIComponent(query.get('plan'))}`;
    const point = new URLSearchParams({asOf: query.get('asOf') ?? ''});
    if (query.get('knownAt')) point.set('knownAt', query.get('knownAt'));
    const [plan, progress] = await Promise.all([getJson(`${base}?${point}`), getJson(`${base}/progress?${point}`)]);
    const since = new URLSearchParams({from: plan.adoptedOn, to: plan.asOf, knownAt: plan.knownAt});
    const diff = plan.asOf > plan.adoptedOn ? await getJson(`${base}/diff?${since}`) : {changed: [], added: [], removed: []};
    const byCode = new Map(progress.indicators.map(p => [p.code, p]));
    const changes = [...diff.changed, ...diff.added, ...diff.removed];
    document.title = `${word('reportTitle')} · ${plan.title} · ${plan.asOf}`;
    document.getElementById('report').replaceChildren(
        el('h1', {}, word('reportTitle')),
        el('p', {class: 'report-plan'}, `${plan.title}（${plan.plan}）`),
        el('p', {}, `${word('reportAsOf')}：${plan.asOf} · ${word('reportKnownAt', {time: plan.knownAt})}`),
        el('p', {class: 'up-to-date', id: 'statement'}, word('reportStatement', {time: plan.upToDate.lastRecordedAt ?? '—',
            sequence: plan.upToDate.lastSequence}), el('br'), el('span', {lang: 'en'}, plan.upToDate.statement)),
        el('h2', {}, word('allIndicators')),
        el('table', {class: 'indicators'},
            el('thead', {}, el('tr', {}, ['number', 'indicator', 'unit', 'baseline', 'target', 'planned',
                'latestFinding', 'gap', 'status'].map(key => el('th', {scope: 'col'}, word(key))))),
            el('tbody', {}, plan.indicators.map(indicator => {
                const state = byCode.get(indicator.code) ?? {};
                const finding = state.latestFinding;
                return el('tr', {'data-indicator': indicator.code},
                    el('td', {}, indicator.number ?? ''), el('th', {scope: 'row'}, indicator.name),
                    el('td', {}, indicator.unit ?? ''), el('td', {}, valueText(indicator.baseline)),
                    el('td', {class: 'target'}, targetText(indicator.target)),
                    el('td', {}, state.planned?.value ?? '—'),
                    el('td', {}, finding ? `${finding.year}: ${finding.observedValue}`
                        + (finding.assessment ? ` · ${word(finding.assessment)}` : '') : '—'),
                    el('td', {}, state.gap ?? '—'), el('td', {}, statusBadge(state.status)));
            }))),
        el('h2', {}, word('changesSinceAdoption')),
        changes.length === 0 ? el('p', {}, word('noChanges')) : el('ul', {class: 'changes'}, changes.map(change =>
            el('li', {'data-element': change.element},
                el('strong', {}, `${change.element}${change.attribute ? ' · ' + change.attribute : ''}`),
                change.attribute ? ` ${valueText(change.oldValue)} → ${valueText(change.newValue)}` : '',
                change.events.map(revisionNote)))));
}

render().catch(error => { document.getElementById('message').textContent = error.message; });
