// Configuration a driver refuses, as the kernel refuses it (ethtool / module parameter paths):
// the errno name and the message, thrown at describe/create time so the run fails with it.
import type { Errno } from '../../page_pool/types';

export class DriverConfigError extends Error {
  constructor(
    readonly driver: string,
    readonly errno: Errno,
    detail: string,
  ) {
    super(`${driver}: ${detail} (-${errno})`);
    this.name = 'DriverConfigError';
  }
}
