// A value made on its first use and kept. For the schemas of what start-up reads: building a zod schema
// costs more than loading its code, and start-up builds only those it needs at once.
export function onFirstUse<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
