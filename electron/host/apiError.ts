// Errors crossing WorkbenchApi follow the kernel's convention: an errno name and a message.
// The name survives IPC and the WebSocket (both carry { name, message }).
import type { ApiErrorShape } from '../../shared/api';

export type Errno = 'ENOENT' | 'EINVAL' | 'EACCES' | 'EBUSY' | 'EFBIG' | 'ECANCELED' | 'EIO' | 'ENOTSUP' | 'ESTALE' | 'EEXIST';

export class ApiError extends Error {
  constructor(
    readonly errno: Errno,
    message: string,
  ) {
    super(`${errno}: ${message}`);
    this.name = errno;
  }
}

export function apiError(errno: Errno, message: string): ApiError {
  return new ApiError(errno, message);
}

/** Any thrown value → the shape sent to the renderer. */
export function toErrorShape(err: unknown): ApiErrorShape {
  if (err instanceof ApiError) return { name: err.errno, message: err.message };
  if (err instanceof Error) return { name: 'Error', message: err.message };
  return { name: 'Error', message: String(err) };
}
