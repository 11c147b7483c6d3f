// Browser notifications for reminders while the tab is in the background (the Blazor toast covers the visible tab).
// Reminders come from the authorised SignalR hub /hubs/notifications (cookie auth, the user's own group only).
let connection = null;

export function supported() {
  return 'Notification' in window;
}

export function permission() {
  return supported() ? Notification.permission : 'unsupported';
}

export async function start() {
  if (connection || permission() !== 'granted' || !window.signalR) {
    return connection !== null;
  }
  connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/notifications')
    .withAutomaticReconnect()
    .build();
  connection.on('reminder', (reminder) => {
    if (document.hidden) {
      // The tag collapses a re-delivered reminder into the notification already shown.
      new Notification('Reminder', { body: reminder.title, tag: reminder.eventId });
    }
  });
  await connection.start();
  return true;
}

export async function requestPermission() {
  if (!supported()) {
    return 'unsupported';
  }
  const result = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (result === 'granted') {
    await start();
  }
  return result;
}

export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
