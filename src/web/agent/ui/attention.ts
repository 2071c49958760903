/** `mm:ss` of a wait, from seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return `${mm}:${String(s % 60).padStart(2, '0')}`;
}

/** A short beep through WebAudio for a new case; silent where audio is not allowed yet. */
export function beep(context: AudioContext | undefined): void {
  if (context === undefined) return;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 880;
  gain.gain.value = 0.08;
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.15);
}

const MUTE_KEY = 'qingting.agent.muted';
const NOTIFY_KEY = 'qingting.agent.notifications';

/** The new-case sound, off once the agent muted it (kept across reloads). */
export function isMuted(): boolean {
  return localStorage.getItem(MUTE_KEY) === 'true';
}
export function setMuted(muted: boolean): void {
  localStorage.setItem(MUTE_KEY, String(muted));
}

/** Desktop notifications: the agent's choice (kept), within what the browser allows. */
export type NotificationChoice = 'on' | 'off' | 'blocked';

const supported = (): boolean => typeof Notification !== 'undefined';

export function notificationChoice(): NotificationChoice {
  if (!supported() || Notification.permission === 'denied') return 'blocked';
  return localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted'
    ? 'on'
    : 'off';
}

/**
 * Turns notifications on or off. Permission is asked only here, on the agent's click, and only
 * while the browser has not been answered yet; the answer is remembered by the browser and the
 * choice in localStorage.
 */
export async function chooseNotifications(on: boolean): Promise<NotificationChoice> {
  if (!supported()) return 'blocked';
  if (on && Notification.permission === 'default') await Notification.requestPermission();
  localStorage.setItem(NOTIFY_KEY, on ? 'on' : 'off');
  return notificationChoice();
}

/** The agent is not looking at the console: the window is hidden or another one has focus. */
export function windowAway(): boolean {
  return document.visibilityState !== 'visible' || !document.hasFocus();
}

/** A desktop notification while the agent is away; clicking it brings the console back. */
export function notifyAway(title: string, body: string, tag: string): void {
  if (notificationChoice() !== 'on' || !windowAway()) return;
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
