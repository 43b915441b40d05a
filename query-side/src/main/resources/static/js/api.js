// Every request of the page goes through here: JSON from the query side, with an HTTP Basic sign-in asked for
// when an answer is 401 (most of the API is public) or when the user chooses to sign in, kept for this browser tab.
// Once given, the sign-in goes with every request, so the answers are those for the signed-in user: an evaluator
// sees unpublished findings, anyone signed in the names of who recorded what (docs/security.md).
import {word} from './words.js';

const SIGN_IN_KEY = 'plan-registry-sign-in';

/** A refusal or failure, with the problem's detail when the query side sent one. */
export class ApiProblem extends Error {
    constructor(status, detail) {
        super(detail || `HTTP ${status}`);
        this.status = status;
    }
}

export async function getJson(path) {
    const response = await send(path, 'application/json');
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiProblem(response.status, body.detail);
    return body;
}

/** The answer as a Blob (the audit log's CSV). */
export async function getBlob(path, accept) {
    const response = await send(path, accept);
    if (!response.ok) throw new ApiProblem(response.status, (await response.json().catch(() => ({}))).detail);
    return response.blob();
}

export function signedIn() {
    return sessionStorage.getItem(SIGN_IN_KEY) !== null;
}

/** The signed-in user's name, or null. */
export function signedInUser() {
    const credentials = sessionStorage.getItem(SIGN_IN_KEY);
    if (!credentials) return null;
    const pair = new TextDecoder().decode(Uint8Array.from(atob(credentials.slice('Basic '.length)),
        c => c.charCodeAt(0)));
    return pair.slice(0, pair.indexOf(':'));
}

/** Asks for a sign-in of the user's own accord; resolves true once given. */
export function signIn(reason) {
    return askForSignIn(reason, 'plain');
}

export function signOut() {
    sessionStorage.removeItem(SIGN_IN_KEY);
}

async function send(path, accept) {
    for (;;) {
        // X-Requested-With: the query side then leaves out WWW-Authenticate, so the browser does not show its own
        // sign-in box over the page's.
        const headers = {'Accept': accept, 'X-Requested-With': 'XMLHttpRequest'};
        const credentials = sessionStorage.getItem(SIGN_IN_KEY);
        if (credentials) headers.Authorization = credentials;
        const response = await fetch(path, {headers});
        if (response.status !== 401) return response;
        const detail = (await response.json().catch(() => ({}))).detail;
        if (!await askForSignIn(detail)) throw new ApiProblem(401, detail);
    }
}

/** Shows the sign-in dialog; resolves true once the user gave a user and password, false if cancelled. */
function askForSignIn(detail, plain) {
    const dialog = document.getElementById('sign-in');
    dialog.querySelector('#sign-in-reason').textContent = plain ? detail : word('signInNeeded', {detail: detail ?? ''});
    const form = dialog.querySelector('form');
    form.reset();
    dialog.showModal();
    return new Promise(resolve => dialog.addEventListener('close', () => {
        if (dialog.returnValue !== 'ok') return resolve(false);
        const pair = `${form.elements.user.value}:${form.elements.password.value}`;
        // btoa needs Latin-1: encode the UTF-8 bytes of the pair first
        const bytes = String.fromCharCode(...new TextEncoder().encode(pair));
        sessionStorage.setItem(SIGN_IN_KEY, 'Basic ' + btoa(bytes));
        resolve(true);
    }, {once: true}));
}
