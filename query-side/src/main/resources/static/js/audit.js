// The audit trail of the chosen plan: filters, pages by global sequence (the log's own cursor), CSV download.
import {getBlob, getJson, signedIn} from './api.js';
import {el} from './dom.js';
import {word} from './words.js';

const PAGE_SIZE = 50;
const FILTERS = {element: 'element', actor: 'actor', type: 'type', auditFrom: 'from', auditTo: 'to'};

/** The audit log's query for the page's state (the plan and the filters), without the cursor. */
export function auditQuery(state) {
    const query = new URLSearchParams({plan: state.plan});
    for (const [name, parameter] of Object.entries(FILTERS)) {
        if (state[name]) query.set(parameter, state[name]);
    }
    return query;
}

export async function renderAudit(container, state, cursors) {
    const query = auditQuery(state);
    query.set('after', state.after ?? 0);
    query.set('limit', PAGE_SIZE);
    const page = await getJson('api/audit?' + query);
    const columns = ['sequence', 'recordedAt', 'effectiveFrom', 'type', 'element', 'actor', 'reason', 'decisionRef',
        'change'];
    container.replaceChildren(page.entries.length === 0 ? el('p', {}, word('noEntries')) :
        el('table', {class: 'audit'},
            el('thead', {}, el('tr', {}, columns.map(c => el('th', {scope: 'col'}, word(c))))),
            el('tbody', {}, page.entries.map(entry => el('tr', {'data-sequence': entry.globalSequence},
                el('td', {}, entry.globalSequence), el('td', {}, entry.recordedAt),
                el('td', {}, entry.effectiveFrom ?? ''), el('td', {}, entry.type),
                el('td', {}, [entry.element, entry.subject].filter(Boolean).join(' → ')),
                el('td', {}, entry.role ? `${entry.actor} (${entry.role})` : entry.actor),
                el('td', {}, entry.reason ?? ''),
                el('td', {}, [entry.decisionRef, entry.decisionDate].filter(Boolean).join(' ')),
                el('td', {}, entry.change ?? ''))))));
    cursors.next.disabled = page.next == null;
    cursors.next.onclick = () => cursors.go(page.next);
    cursors.previous.disabled = !(state.after > 0);
}

/** Downloads the CSV with the page's sign-in when it has one; otherwise the link is followed as it is. */
export function wireCsvLink(link, state) {
    link.href = 'api/audit.csv?' + auditQuery(state);
    link.onclick = async event => {
        if (!signedIn()) return;
        event.preventDefault();
        const url = URL.createObjectURL(await getBlob(link.href, 'text/csv'));
        el('a', {href: url, download: 'audit.csv'}).click();
        URL.revokeObjectURL(url);
    };
}
