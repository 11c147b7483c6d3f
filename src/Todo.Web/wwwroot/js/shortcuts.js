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

// MudBlazor closes a dialog on Esc only when the key is pressed inside it; a dialog opened by a shortcut has no focus
// yet, so hand the key to the top-most dialog.
function forwardEscape(event) {
  const dialogs = document.querySelectorAll('.mud-dialog');
  const top = dialogs[dialogs.length - 1];
  if (top && !top.contains(event.target)) {
    top.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
  }
}

export function register(dotnet) {
  unregister();
  handler = (event) => {
    if (event.key === 'Escape') {
      if (document.getElementById('shortcuts-dialog')) {
        dotnet.invokeMethodAsync('CloseShortcuts');
      } else {
        forwardEscape(event);
      }
      return;
    }
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
