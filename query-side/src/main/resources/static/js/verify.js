// For auditors: the plan's hash chain recomputed from the event store, and the head's digest to keep elsewhere.
import {ApiProblem, getJson} from './api.js';
import {el} from './dom.js';
import {word} from './words.js';

export async function renderVerification(container, plan) {
    const base = `api/plans/${encodeURIComponent(plan)}/audit/`;
    const report = await getJson(base + 'verify');
    // A broken chain has no digest (409): the report already says where it breaks.
    const digest = report.intact ? await getJson(base + 'digest').catch(e => {
        if (e instanceof ApiProblem) return null;
        throw e;
    }) : null;
    const row = (key, value) => [el('dt', {}, word(key)), el('dd', {}, value)];
    container.replaceChildren(
        el('p', {class: `status ${report.intact ? 'status-ON_TRACK' : 'status-OFF_TRACK'}`, id: 'chain-state'},
            report.intact ? word('intact') : word('broken')),
        el('dl', {class: 'verification'},
            row('eventsChecked', report.events),
            row('head', report.head ? `#${report.head.globalSequence} · ${report.head.hash}` : '—'),
            report.firstBroken ? row('firstBroken', `#${report.firstBroken.globalSequence}`) : null,
            report.problem ? row('problem', report.problem) : null,
            digest ? row('digest', el('code', {id: 'digest'}, JSON.stringify(digest))) : null));
}
