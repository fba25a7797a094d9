// The assay command. Each command is one file that registers itself; this file only wires
// them and turns errors into exit codes (src/cli/errors.ts). Everything imported from here at
// start-up must stay cheap (commander, types, constants): a command's action loads its work
// (DuckDB, pg, ajv, the catalogue, the renderers) with import(), so `--help` pays for none of it.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { describeError, exitCodeFor } from './errors.js';
import { registerConfigCommand } from './config.js';
import { registerDemoCommand } from './demo.js';
import { registerDocsCommand } from './docs.js';
import { registerExpectationsCommand } from './expectations.js';
import { registerHistoryCommand } from './history.js';
import { registerInitCommand } from './init.js';
import { registerProfileCommands } from './profile.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerRunsCommand } from './runs.js';
import { registerSuiteCommands } from './suite.js';
import { registerValidateCommand } from './validate.js';
import { useConfigFile } from './project.js';

export function buildProgram(): Command {
  const program = new Command('assay')
    .description('Data-quality gates: Great Expectations suites compiled to fused DuckDB scans.')
    .version(VERSION)
    .option('--config <file>', 'configuration file (default: assay.config.{ts,mjs,js,json,yaml} from here upward)')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (cmd) => useConfigFile(cmd.opts<{ config?: string }>().config));
  registerValidateCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerInitCommand(program);
  registerSuiteCommands(program);
  registerProfileCommands(program);
  registerExpectationsCommand(program);
  registerConfigCommand(program);
  registerReportCommand(program);
  registerDocsCommand(program);
  registerHistoryCommand(program);
  registerDemoCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (!(err instanceof CommanderError)) process.stderr.write(`${describeError(err)}\n`);
    return exitCodeFor(err);
  }
}
