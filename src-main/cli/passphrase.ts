/**
 * How the CLI gets a sync passphrase: typed at a prompt that echoes nothing, or,
 * for scripts, one per line on stdin — never from the command line, where it
 * would sit in the shell's history and in every process listing on the machine.
 * A new passphrase typed at the prompt is asked twice, so a typo does not lock
 * the school out of its own folder.
 */
import { AppError } from '../../src-shared/errors';
import { processTerminal, type Terminal } from './keys';

export interface PassphraseReader {
  /** The next passphrase: `question` at the prompt, or the next line of stdin. */
  read(question: string, options?: { confirm?: string; field?: string }): Promise<string>;
}

/** Options that would put a passphrase on argv: refused with the way to do it instead. */
export const ARGV_PASSPHRASE_OPTIONS = ['passphrase', 'current', 'new'] as const;

export function refuseArgvPassphrase(values: Record<string, unknown>): void {
  for (const option of ARGV_PASSPHRASE_OPTIONS) {
    if (values[option] === undefined) continue;
    const message = `A passphrase is never taken from the command line (--${option}): it would be kept in the shell's history and shown in the process list. Type it when asked, or pipe it on stdin, one per line.`;
    throw new AppError('VALIDATION', message, [{ path: [option], code: 'passphrase_on_argv', message }]);
  }
}

async function stdinLines(stdin: NodeJS.ReadableStream): Promise<string[]> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/);
}

/** Prompts when stdin and stderr are a terminal; otherwise reads stdin once and hands out its lines in order. */
export function passphraseReader(terminal: Terminal = processTerminal, stdin: NodeJS.ReadableStream = process.stdin): PassphraseReader {
  let lines: Promise<string[]> | null = null;
  let next = 0;
  const missing = (field: string) =>
    new AppError('VALIDATION', `No ${field} was given: type it when asked, or pipe it on stdin`, [
      { path: [field], code: 'required', message: `Give the ${field} on stdin` },
    ]);
  return {
    async read(question, options = {}) {
      const field = options.field ?? 'passphrase';
      if (terminal.interactive()) {
        const typed = await terminal.askHidden(question);
        if (options.confirm !== undefined && (await terminal.askHidden(options.confirm)) !== typed)
          throw new AppError('VALIDATION', 'The two passphrases differ', [{ path: [field], code: 'mismatch', message: 'They differ' }]);
        if (typed === '') throw missing(field);
        return typed;
      }
      lines ??= stdinLines(stdin);
      const line = (await lines)[next++];
      if (line === undefined || line === '') throw missing(field);
      return line;
    },
  };
}
