import { parseArgs, type ParseArgsConfig } from 'node:util';

// The command-line arguments of a tool, read with node:util's parseArgs, the same way for every
// tool: `--help`/`-h` prints the usage and ends with 0; a wrong or unknown flag prints what is
// wrong with it (parseArgs names the flag) and the usage, and ends with 2.

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  positionals: string[];
}

export function readCommandLine<O extends Options>(
  tool: string,
  usage: string,
  argv: string[],
  options: O,
  { allowPositionals = false } = {},
): CommandLine<O> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { values: values as CommandLine<O>['values'], positionals };
  } catch (error) {
    if (!isParseError(error)) throw error;
    return refuse(tool, usage, error.message);
  }
}

/** Says what is wrong with the command line, then the usage, and ends with exit code 2. */
export function refuse(tool: string, usage: string, problem: string): never {
  process.stderr.write(`${tool}: ${problem}\n\n${usage}\n`);
  process.exit(2);
}

function isParseError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
