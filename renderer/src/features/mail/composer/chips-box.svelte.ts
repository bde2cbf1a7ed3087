/** A reactive holder for a bound `chips` prop, for AddressField's component tests (runes need a .svelte.ts file). */
import type { Chip } from './addresses.ts';

export function chipsBox(): { chips: Chip[] } {
  let chips = $state<Chip[]>([]);
  return {
    get chips() {
      return chips;
    },
    set chips(value: Chip[]) {
      chips = value;
    },
  };
}
