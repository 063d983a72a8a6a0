// A button that disables itself (Start, Run compare, Stop at the end of a run) would drop the
// keyboard focus to the page body. Before the DOM update that disables it, note whether it has
// focus; after it, move focus to the control that now makes sense.
import { nextTick, watch, type Ref } from 'vue';

export function keepFocusWhenDisabled(el: Ref<HTMLElement | null>, disabled: () => boolean, next: () => HTMLElement | null | undefined): void {
  watch(disabled, (d) => {
    if (!d || !el.value || document.activeElement !== el.value) return;
    void nextTick(() => {
      const n = next();
      if (n && !(n as HTMLButtonElement).disabled) n.focus();
    });
  }, { flush: 'pre' });
}
