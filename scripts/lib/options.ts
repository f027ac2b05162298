/** `--name N` from the command line as an integer, else `fallback`; a value that is not an integer is an error naming the option. */
export function intOption(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value)) throw new Error(`--${name} needs an integer, got ${argv[i + 1]}`);
  return value;
}
