// The light/dark choice made with the app-bar button, remembered on this device (also before sign-in).
// null means "follow the system".
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
