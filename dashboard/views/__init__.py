"""What people see: map, timeline, exports."""
