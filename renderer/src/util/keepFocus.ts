// A button that disables itself (Start, Run compare, Stop at the end of a run) would drop the
// keyboard focus to the page body. Before the DOM update that disables it, note whether it has
// focus; after it, move focus to the first of `next` that can take it (e.g. the other button,
// else the view's heading).
import { nextTick, watch, type Ref } from 'vue';

type Candidate = HTMLElement | null | undefined;

export function keepFocusWhenDisabled(el: Ref<HTMLElement | null>, disabled: () => boolean, next: () => Candidate[]): void {
  watch(
    disabled,
    (d) => {
      if (!d || !el.value || document.activeElement !== el.value) return;
      void nextTick(() => {
        const n = next().find((c) => c && c.isConnected && !(c as HTMLButtonElement).disabled);
        n?.focus();
      });
    },
    { flush: 'pre' },
  );
}

/** The current view's heading (each view has one h1 with tabindex -1). */
export function viewHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main-view h1');
}
