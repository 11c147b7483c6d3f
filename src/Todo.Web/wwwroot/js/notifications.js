// Browser notifications for reminders while the tab is in the background (the toast covers the visible tab).
export function notify(title, body) {
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body, tag: body });
  }
}

export async function requestPermission() {
  if (!('Notification' in window)) {
    return 'unsupported';
  }
  return Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
}

export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
