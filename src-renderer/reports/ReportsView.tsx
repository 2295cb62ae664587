export function ReportsView() {
  return <div className="page"><h2>Reports</h2></div>;
}
