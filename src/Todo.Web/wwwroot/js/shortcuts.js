// Global keyboard shortcuts: q = quick add, / = search, ? = shortcuts dialog. Esc is handled by MudBlazor dialogs.
let handler = null;

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function focus(id) {
  const element = document.getElementById(id);
  if (element) {
    element.focus();
    return true;
  }
  return false;
}

export function register(dotnet) {
  unregister();
  handler = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === 'q' && focus('quick-add-input')) {
      event.preventDefault();
    } else if (event.key === '/' && focus('search-input')) {
      event.preventDefault();
    } else if (event.key === '?') {
      event.preventDefault();
      dotnet.invokeMethodAsync('ShowShortcuts');
    }
  };
  document.addEventListener('keydown', handler);
}

export function unregister() {
  if (handler) {
    document.removeEventListener('keydown', handler);
    handler = null;
  }
}
