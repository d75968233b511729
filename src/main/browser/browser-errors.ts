/** The sentences the browser mode's server says when it refuses a request. */

/** A request (page or API socket) asked for a host name the server was not bound under. */
export function hostRefusal(host: string | undefined): string {
  const name = JSON.stringify((host ?? 'none').slice(0, 100));
  return `Refused: Wirebench does not answer to the host name ${name}; open the URL that \`npm run serve\` printed.`;
}

/** A request whose target is not a URL (nothing is served for it). */
export function malformedTarget(): string {
  return 'Refused: the address asked for is not a URL.';
}
