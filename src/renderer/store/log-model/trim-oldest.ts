/**
 * How many of the oldest items a bounded view lets go of, so that at most
 * `maxItems` items and `maxBytes` bytes remain. Nothing goes while the view
 * is within its limits plus a tenth: trimming in blocks means a full view
 * does not copy its array on every new item. The newest item always stays,
 * however big it is.
 */
export function oldestToDrop(
  items: readonly { data: Uint8Array }[],
  heldBytes: number,
  maxItems: number,
  maxBytes: number,
): { count: number; bytes: number } {
  const overItems = items.length - maxItems > maxItems / 10;
  const overBytes = heldBytes - maxBytes > maxBytes / 10;
  if (!overItems && !overBytes) return { count: 0, bytes: 0 };
  let count = 0;
  let bytes = 0;
  while (
    count < items.length - 1 &&
    (items.length - count > maxItems || heldBytes - bytes > maxBytes)
  ) {
    bytes += items[count]!.data.byteLength;
    count++;
  }
  return { count, bytes };
}
