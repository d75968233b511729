// Only the version is taken: the bundler drops the rest of package.json.
import { version } from '../../package.json';

export const APP_VERSION_TEXT = `wirebench ${version} (Node ${process.versions.node})`;
