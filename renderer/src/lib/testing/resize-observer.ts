/** jsdom has no layout: Svelte's bind:clientHeight needs a ResizeObserver that never fires. */
export function stubResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
