// Builds elements without innerHTML, so recorded text (titles, reasons) can never become markup.
export function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value == null || value === false) continue;
        if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
        else element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children.flat().filter(c => c != null).map(c => c instanceof Node ? c : String(c)));
    return element;
}

export function replace(container, ...children) {
    container.replaceChildren(...children.flat().filter(c => c != null));
}
