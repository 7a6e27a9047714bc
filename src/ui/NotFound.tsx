/** Shown for a URL the app does not know. */
export function NotFound() {
  return (
    <section class="page">
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to your decks</a>
      </p>
    </section>
  );
}
