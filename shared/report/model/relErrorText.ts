// The model's relative error as the tables print it: signed percent, three significant digits.
import { roundSig } from '../charts/format';

export function relErrorText(e: number | null): string {
  if (e === null) return 'n/a (measured 0)';
  return `${e >= 0 ? '+' : '−'}${roundSig(Math.abs(e) * 100, 3)} %`;
}
