// The plan as of a date: indicators grouped by category with targets, planned values, findings and status, then
// goals, tasks, special columns and safeguards as a collapsible outline. Pending changes are flagged where they apply.
import {el} from './dom.js';
import {recorder, statusText, targetText, valueText, word} from './words.js';

/** The status as text and colour (class), never colour alone. */
export function statusBadge(status) {
    return el('span', {class: `status status-${status ?? 'NO_DATA'}`}, statusText(status));
}

/** The target revisions in force, from the diff since adoption: element label → the last event that revised it. */
export function revisionsByElement(diff) {
    const revisions = new Map();
    for (const change of diff?.changed ?? []) {
        if (change.attribute === 'target' && change.events.length) {
            revisions.set(change.element, change.events[change.events.length - 1]);
        }
    }
    return revisions;
}

function pendingBy(plan) {
    const pending = new Map();
    for (const change of plan.pendingChanges) {
        pending.set(change.element, [...(pending.get(change.element) ?? []), change]);
    }
    return pending;
}

export function revisionNote(event) {
    return el('div', {class: 'revision'},
        el('strong', {}, event.type === 'IndicatorTargetRevised' ? word('revised') : event.type), ` ${event.effectiveFrom} ${word('since')} · ${word('reason')}：${event.reason ?? '—'}`
        + ` · ${word('decision')}：${event.decisionRef ?? '—'} · ${word('by')} ${recorder(event)}`);
}

function pendingNotes(changes) {
    return (changes ?? []).map(change => el('div', {class: 'pending'},
        el('strong', {}, word('pending')),
        ` ${change.effectiveFrom} ${word('since')} ${change.attribute}: ${valueText(change.value)}`
        + (change.reason ? ` · ${word('reason')}：${change.reason}` : '')
        + (change.decisionRef ? ` · ${word('decision')}：${change.decisionRef}` : '')));
}

function findingText(finding) {
    if (!finding) return '—';
    return `${finding.year}: ${finding.observedValue ?? '—'}` + (finding.assessment ? ` · ${word(finding.assessment)}` : '');
}

export function renderIndicators(container, plan, progress, diff, showChart) {
    const progressByCode = new Map(progress.indicators.map(p => [p.code, p]));
    const revisions = revisionsByElement(diff);
    const pending = pendingBy(plan);
    const categories = new Map();
    for (const indicator of plan.indicators) {
        const category = [indicator.category, indicator.subCategory].filter(Boolean).join(' · ');
        categories.set(category, [...(categories.get(category) ?? []), indicator]);
    }
    const head = el('thead', {}, el('tr', {}, ['number', 'indicator', 'unit', 'baseline', 'target', 'planned',
        'latestFinding', 'status'].map(key => el('th', {scope: 'col'}, word(key)))));
    const bodies = [...categories].map(([category, indicators]) => el('tbody', {},
        el('tr', {class: 'category'}, el('th', {colspan: 8, scope: 'rowgroup'}, category)),
        indicators.map(indicator => {
            const label = `indicator ${indicator.code}`;
            const state = progressByCode.get(indicator.code) ?? {};
            return el('tr', {'data-indicator': indicator.code},
                el('td', {}, indicator.number ?? ''),
                el('th', {scope: 'row'}, el('button', {type: 'button', class: 'link',
                    'aria-label': `${word('chart')}: ${indicator.name}`,
                    onclick: () => showChart(indicator.code)}, indicator.name)),
                el('td', {}, indicator.unit ?? ''),
                el('td', {class: 'baseline'}, valueText(indicator.baseline)),
                el('td', {class: 'target'}, el('span', {class: 'target-value'}, targetText(indicator.target)),
                    revisions.has(label) ? revisionNote(revisions.get(label)) : null,
                    pendingNotes(pending.get(label))),
                el('td', {class: 'planned'}, state.planned?.value ?? '—'),
                el('td', {class: 'finding'}, findingText(state.latestFinding)),
                el('td', {}, statusBadge(state.status)));
        })));
    container.replaceChildren(el('h3', {}, word('indicators')),
        el('table', {class: 'indicators'}, head, bodies));
}

function outlineGroup(title, open, children) {
    return el('details', {class: 'outline-group', open}, el('summary', {}, title), children);
}

export function renderOutline(container, plan) {
    const pending = pendingBy(plan);
    const item = (code, title, text, label) => el('li', {},
        el('strong', {}, `${code} ${title ?? ''}`), text ? el('p', {}, text) : null, pendingNotes(pending.get(label)));
    container.replaceChildren(
        outlineGroup(word('goals'), true, el('ul', {},
            plan.goals.map(g => item(g.code, g.title, g.description, `goal ${g.code}`)))),
        outlineGroup(word('sections'), false, plan.sections.map(section => el('details', {class: 'section'},
            el('summary', {}, `${section.code} ${section.title}`),
            section.intro ? el('p', {}, section.intro) : null,
            el('ul', {}, section.tasks.map(t => item(t.code, t.title, t.text, `task ${t.code}`)))))),
        outlineGroup(word('columns'), false, plan.columns.map(column => el('details', {class: 'section'},
            el('summary', {}, `${column.code} ${column.title}`),
            el('ul', {}, column.items.map(i => item(i.code, i.title, i.text)))))),
        outlineGroup(word('safeguards'), false, plan.safeguards.map(group => el('details', {class: 'section'},
            el('summary', {}, `${group.code} ${group.title}`),
            el('ul', {}, group.items.map(i => item(i.code, i.title, i.text)))))));
}
