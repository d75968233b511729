import { Component, type ReactNode } from 'react';

/**
 * Where Monaco's chunks could not be loaded (a damaged install, a file
 * missing; monaco-loader.ts tells the user): the plain text area in the
 * editor's place goes on editing and sending, and the rest of the tab stays.
 */
export class MonacoLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
