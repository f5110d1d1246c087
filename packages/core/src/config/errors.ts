/** A config problem, with the file and (when known) the key, so the message can name both. */
export class ConfigError extends Error {
  readonly file: string | undefined;
  readonly key: string | undefined;

  constructor(message: string, options: { file?: string | undefined; key?: string | undefined } = {}) {
    const where = options.file ? `${options.file}: ` : '';
    super(`${where}${message}`);
    this.name = 'ConfigError';
    this.file = options.file;
    this.key = options.key;
  }
}
