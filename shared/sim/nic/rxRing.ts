// PLACEHOLDER interface until the NIC model lands (owned by the engine work).
export interface RxRing {
  readonly size: number;
}
