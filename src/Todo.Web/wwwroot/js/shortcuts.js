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
// yet, so hand the key to the top-most dialog. Never while a drop-down, picker or menu is open: that Esc is for the
// popup (whose list lives outside the dialog, in the popover provider), not for the dialog under it.
function forwardEscape(event) {
  if (document.querySelector('.mud-popover-open') ||
      (event.target instanceof Element && event.target.closest('.mud-popover, .mud-popover-provider'))) {
    return;
  }
  const dialogs = document.querySelectorAll('.mud-dialog');
  const top = dialogs[dialogs.length - 1];
  // A dialog that decides about Esc itself (the task editor asks before discarding edits) marks where it listens.
  const receiver = top?.querySelector('[data-escape-handler]') ?? top;
  if (receiver && !receiver.contains(event.target)) {
    receiver.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
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
