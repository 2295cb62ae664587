export function PolicyView() {
  return <div className="page"><h2>SLA policy</h2></div>;
}
