// Drag-and-drop of task rows (issue 15, items 3 and 4). Pointer events rather than HTML5 drag events: one code path
// for mouse, pen and touch (HTML5 drag does not start from a touch in most mobile browsers), and the row follows the
// pointer instead of a translucent browser image. The page (Tasks.razor) decides what a drop means; this module only
// finds the target and shows where the row would go:
//   - a row of a list marked data-drag-list="manual": a new place before another row (or last),
//   - an element marked data-drop-project="id" (the sidebar's projects and Inbox): a move into that project,
//   - an element marked data-drop-day="yyyy-MM-dd" inside a data-drag-list="days" page (Upcoming): a new due day.
// Alt+ArrowUp/ArrowDown on a focused row of a manual list moves it one place (the page announces it).
let page = null;
let drag = null;

const startDistance = 5;
const edge = 48;

export function register(dotnet) {
  unregister();
  page = {
    dotnet,
    down: (event) => pointerDown(event),
    key: (event) => keyDown(event),
  };
  document.addEventListener('pointerdown', page.down);
  document.addEventListener('keydown', page.key);
}

export function unregister() {
  cancel();
  if (page) {
    document.removeEventListener('pointerdown', page.down);
    document.removeEventListener('keydown', page.key);
    page = null;
  }
}

// After a keyboard move the row's elements were moved in the DOM (which drops focus): give it back to the handle.
export function focusHandle(taskId) {
  const handle = document.querySelector(`.task-row[data-task-id="${CSS.escape(taskId)}"] .task-drag-handle`);
  handle?.focus();
}

function pointerDown(event) {
  const handle = event.target instanceof Element ? event.target.closest('.task-drag-handle') : null;
  if (!handle || !page || (event.pointerType === 'mouse' && event.button !== 0)) {
    return;
  }
  const row = handle.closest('.task-row[data-task-id]');
  const list = row?.closest('[data-drag-list]');
  if (!row || !list) {
    return;
  }
  // No text selection, no scrolling of the page by this touch (the handle also has touch-action: none).
  event.preventDefault();
  handle.setPointerCapture?.(event.pointerId);
  const rect = row.getBoundingClientRect();
  drag = {
    handle,
    row,
    list,
    mode: list.dataset.dragList,
    taskId: row.dataset.taskId,
    projectId: row.dataset.projectId,
    day: row.closest('[data-drop-day]')?.dataset.dropDay ?? null,
    pointerId: event.pointerId,
    startX: event.clientX,
    startY: event.clientY,
    offsetY: event.clientY - rect.top,
    started: false,
    ghost: null,
    target: null,
    marked: null,
  };
  handle.addEventListener('pointermove', pointerMove);
  handle.addEventListener('pointerup', pointerUp);
  handle.addEventListener('pointercancel', cancel);
  document.addEventListener('keydown', escape, true);
}

function begin() {
  const rect = drag.row.getBoundingClientRect();
  const ghost = drag.row.cloneNode(true);
  ghost.classList.add('task-drag-ghost');
  ghost.removeAttribute('data-task-id');
  ghost.setAttribute('aria-hidden', 'true');
  // A compact copy (title and handle, no buttons), so the row or project under it stays readable.
  ghost.querySelectorAll('.task-edit, .task-delete').forEach((button) => button.remove());
  Object.assign(ghost.style, {
    position: 'fixed', left: `${rect.left}px`, top: `${rect.top}px`, width: `${Math.min(rect.width, 360)}px`, zIndex: 2000,
    pointerEvents: 'none', opacity: '0.92', boxShadow: '0 6px 18px rgba(0,0,0,.25)', borderRadius: '6px',
    background: 'var(--mud-palette-surface, #fff)',
  });
  document.body.appendChild(ghost);
  drag.ghost = ghost;
  drag.started = true;
  drag.row.classList.add('task-dragging');
  document.body.classList.add('task-drag-active');
}

function pointerMove(event) {
  if (!drag || event.pointerId !== drag.pointerId) {
    return;
  }
  if (!drag.started) {
    if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < startDistance) {
      return;
    }
    begin();
  }
  drag.ghost.style.top = `${event.clientY - drag.offsetY}px`;
  drag.ghost.style.transform = `translateX(${event.clientX - drag.startX}px)`;
  // Near the top or bottom of the window the page scrolls, so a long list can be crossed in one drag.
  if (event.clientY < edge) {
    window.scrollBy(0, -12);
  } else if (event.clientY > window.innerHeight - edge) {
    window.scrollBy(0, 12);
  }
  show(findTarget(event.clientX, event.clientY));
}

function findTarget(x, y) {
  const under = document.elementFromPoint(x, y);
  if (!under) {
    return null;
  }
  const project = under.closest('[data-drop-project]');
  if (project) {
    const id = project.dataset.dropProject;
    return id && id !== drag.projectId ? { kind: 'project', value: id, element: project, css: 'drop-target' } : null;
  }
  if (drag.mode === 'days') {
    const day = under.closest('[data-drop-day]');
    const value = day?.dataset.dropDay;
    return value && value !== drag.day ? { kind: 'day', value, element: day, css: 'drop-target' } : null;
  }
  if (drag.mode !== 'manual' || !drag.list.contains(under)) {
    return null;
  }
  const rows = [...drag.list.querySelectorAll('.task-row[data-task-id]')].filter((r) => r !== drag.row);
  if (rows.length === 0) {
    return null;
  }
  const over = under.closest('.task-row[data-task-id]');
  if (over && over !== drag.row) {
    const rect = over.getBoundingClientRect();
    if (y < rect.top + rect.height / 2) {
      return { kind: 'before', value: over.dataset.taskId, element: over, css: 'drop-before' };
    }
    const next = rows[rows.indexOf(over) + 1];
    return next
      ? { kind: 'before', value: next.dataset.taskId, element: next, css: 'drop-before' }
      : { kind: 'before', value: null, element: over, css: 'drop-after' };
  }
  // Over the list but between rows (or over the dragged row's own gap): the nearest place by height.
  const below = rows.find((r) => y < r.getBoundingClientRect().top + r.getBoundingClientRect().height / 2);
  return below
    ? { kind: 'before', value: below.dataset.taskId, element: below, css: 'drop-before' }
    : { kind: 'before', value: null, element: rows[rows.length - 1], css: 'drop-after' };
}

function show(target) {
  if (drag.marked) {
    drag.marked.element.classList.remove(drag.marked.css);
  }
  // A drop that changes nothing (the row's own place) is no target.
  if (target?.kind === 'before' && isOwnPlace(target.value)) {
    target = null;
  }
  drag.target = target;
  drag.marked = target;
  target?.element.classList.add(target.css);
}

function isOwnPlace(before) {
  const rows = [...drag.list.querySelectorAll('.task-row[data-task-id]')];
  const next = rows[rows.indexOf(drag.row) + 1];
  return before === null ? !next : next?.dataset.taskId === before;
}

function pointerUp(event) {
  if (!drag || event.pointerId !== drag.pointerId) {
    return;
  }
  const { started, target, taskId } = drag;
  cancel();
  if (started && target && page) {
    page.dotnet.invokeMethodAsync('DropTask', taskId, target.kind, target.value);
  }
}

function escape(event) {
  if (event.key === 'Escape' && drag) {
    event.preventDefault();
    event.stopPropagation();
    cancel();
  }
}

function cancel() {
  if (!drag) {
    return;
  }
  const { handle, ghost, row, marked, pointerId } = drag;
  handle.removeEventListener('pointermove', pointerMove);
  handle.removeEventListener('pointerup', pointerUp);
  handle.removeEventListener('pointercancel', cancel);
  document.removeEventListener('keydown', escape, true);
  if (handle.hasPointerCapture?.(pointerId)) {
    handle.releasePointerCapture(pointerId);
  }
  ghost?.remove();
  row.classList.remove('task-dragging');
  marked?.element.classList.remove(marked.css);
  document.body.classList.remove('task-drag-active');
  drag = null;
}

function keyDown(event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || !page) {
    return;
  }
  const row = event.target instanceof Element ? event.target.closest('.task-row[data-task-id]') : null;
  if (!row || !row.closest('[data-drag-list="manual"]')) {
    return;
  }
  event.preventDefault();
  const taskId = row.dataset.taskId;
  page.dotnet.invokeMethodAsync('MoveByKey', taskId, event.key === 'ArrowUp' ? -1 : 1)
    .then(() => requestAnimationFrame(() => {
      // Only when the move dropped the focus: never take it from where the user has put it since.
      if (!document.activeElement || document.activeElement === document.body) {
        focusHandle(taskId);
      }
    }));
}
