// v-scroll-focus: a box that scrolls sideways (a wide table at 1024 px) becomes a Tab stop with a
// name, so keyboard users can scroll it (WCAG 2.1.1; axe scrollable-region-focusable); a box
// that fits stays out of the Tab order.
import type { Directive } from 'vue';

const observers = new WeakMap<HTMLElement, ResizeObserver>();

const names = new WeakMap<HTMLElement, string>();

function update(el: HTMLElement): void {
  if (el.scrollWidth > el.clientWidth + 1) {
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', names.get(el) ?? 'table');
  } else {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

/** The value is the region's accessible name (the table's caption). */
export const vScrollFocus: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    names.set(el, binding.value);
    update(el);
    const ro = new ResizeObserver(() => update(el));
    ro.observe(el);
    const inner = el.firstElementChild;
    if (inner) ro.observe(inner);
    observers.set(el, ro);
  },
  updated(el, binding) {
    names.set(el, binding.value);
    update(el);
  },
  unmounted(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
  },
};
