namespace Parley.Modmail.Staff;

/// <summary>A staff member acting on a ticket: their Parley user id, the name and role a named reply is signed with.</summary>
internal sealed record StaffActor(Guid UserId, string Name, string? Role);
