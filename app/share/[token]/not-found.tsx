/** What an unknown, revoked or expired share link shows (with a 404). */
export default function NotFound() {
  return (
    <div className="page page-narrow" data-testid="share-not-found">
      <h1>This link does not work</h1>
      <p className="muted">It does not exist, was revoked, or has expired. Ask whoever sent it for a new one.</p>
    </div>
  );
}
