// The light/dark choice on this device: made with the app-bar button, or (after sign-in) the one saved with the user's settings.
// It shows before sign-in too. null means "follow the system".
const key = 'todo.theme';

export function get() {
  try {
    const value = localStorage.getItem(key);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null;
  }
}

export function set(value) {
  try {
    if (value === 'dark' || value === 'light') {
      localStorage.setItem(key, value);
    } else {
      localStorage.removeItem(key);
    }
  } catch {
    // Storage can be disabled (private mode); the choice then lasts for this page only.
  }
}
