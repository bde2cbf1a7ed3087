/** Which part of the app is on screen, and whether the account wizard is open over it. */
export const views = ['mail', 'calendar', 'contacts', 'archive', 'settings'] as const;
export type View = (typeof views)[number];

export class ShellState {
  view = $state<View>('mail');
  /** The wizard opened from Réglages; with no account at all, Courrier shows it anyway. */
  adding = $state(false);

  go(view: View): void {
    this.view = view;
    this.adding = false;
  }

  addAccount(): void {
    this.adding = true;
  }

  accountAdded(): void {
    this.adding = false;
    this.view = 'mail';
  }
}
