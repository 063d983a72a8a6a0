// The command registry: one line per command. To add one, create commands/<name>.ts exporting a
// Command and list it here.
import type { Command } from '../command';
import { calibrateCommand } from './calibrate';
import { compareCommand } from './compare';
import { helpCommand } from './help';
import { importCommand } from './import';
import { reportCommand } from './report';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { validateCommand } from './validate';
import { workerCommand } from './worker';

export const COMMANDS: readonly Command[] = [
  runCommand,
  compareCommand,
  reportCommand,
  validateCommand,
  schemaCommand,
  workerCommand,
  importCommand,
  calibrateCommand,
  helpCommand(() => COMMANDS),
];
