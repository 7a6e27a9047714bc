/**
 * Keeps keyboard focus where the user is after a list re-renders (a moved card's button moves
 * with it; a disabled one hands focus to its sibling). Runs after Preact has painted.
 */
export function focusSoon(...ids: string[]): void {
  requestAnimationFrame(() => {
    for (const id of ids) {
      const el = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
      if (el && !el.disabled) {
        el.focus();
        return;
      }
    }
  });
}
