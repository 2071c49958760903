/** SQLSTATE 23505: a unique index refused the row (pg and PGlite both report `code`). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
