/**
 * The repository lints its own TypeScript sources with its own plugin (legacy eslintrc mode),
 * so the runtime and the analysers are held to the rules they ship.
 */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2023, sourceType: 'module' },
  plugins: ['tenant-isolation'],
  extends: ['plugin:tenant-isolation/recommended'],
  ignorePatterns: ['dist/', 'node_modules/', 'fixtures/', '**/test/fixtures/**'],
};
