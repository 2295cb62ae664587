export function SettingsView() {
  return <div className="page"><h2>Settings</h2></div>;
}
