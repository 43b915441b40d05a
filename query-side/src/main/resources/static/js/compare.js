// What changed between two dates, with the events that made each change.
import {getJson} from './api.js';
import {el, replace} from './dom.js';
import {recorder, valueText, word} from './words.js';

function eventList(events) {
    return el('details', {class: 'events'}, el('summary', {}, `${word('events')} (${events.length})`),
        el('ul', {}, events.map(e => el('li', {},
            `#${e.globalSequence} ${e.type} · ${word('effectiveFrom')} ${e.effectiveFrom} · ${word('recordedAt')} `
            + `${e.recordedAt} · ${recorder(e)}` + (e.reason ? ` · ${word('reason')}：${e.reason}` : '')
            + (e.decisionRef ? ` · ${word('decision')}：${e.decisionRef}` : '')))));
}

export async function renderDiff(container, state) {
    const query = new URLSearchParams({from: state.from, to: state.to});
    if (state.knownAt) query.set('knownAt', state.knownAt);
    const diff = await getJson(`api/plans/${encodeURIComponent(state.plan)}/diff?` + query);
    const group = (kind, items, line) => items.length === 0 ? null : el('section', {class: `diff-${kind}`},
        el('h3', {}, `${word(kind)} (${items.length})`),
        el('ul', {}, items.map(item => el('li', {class: kind, 'data-element': item.element}, line(item),
            eventList(item.events)))));
    const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;
    replace(container,
        el('p', {}, `${diff.from} → ${diff.to}`),
        nothing ? el('p', {}, word('nothingChanged')) : null,
        group('added', diff.added, item => el('strong', {}, `+ ${item.element} ${item.details?.name ?? item.details?.title ?? ''}`)),
        group('removed', diff.removed, item => el('strong', {}, `− ${item.element}`)),
        group('changed', diff.changed, item => el('span', {}, el('strong', {}, `${item.element} · ${item.attribute}: `),
            el('del', {}, valueText(item.oldValue)), ' → ', el('ins', {}, valueText(item.newValue)))));
}
