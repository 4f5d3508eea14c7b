using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Desks;

/// <summary>
/// <c>status [text]</c>: the desk bot's presence text (<c>support_desks.status_text</c>), shown to members beside the
/// bot; empty clears it. Live: the next read sees it, nothing restarts.
/// </summary>
internal sealed class DeskStatus(ModmailDbContext db, StaffRoster roster, IOptionsMonitor<ModmailOptions> options, TimeProvider clock)
{
    public async Task<(string? Status, Refusal? Refusal)> SetAsync(Guid deskId, StaffActor staff, string? text, CancellationToken cancellationToken)
    {
        var status = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var longest = options.CurrentValue.MaxStatusLength;
        if (status is not null && status.Length > longest)
        {
            return (null, Refusal.Invalid("status", $"at most {longest} characters"));
        }
        var desk = await db.Desks.FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken);
        if (desk is null)
        {
            return (null, Refusal.NotFound("desk_not_found", "No such desk."));
        }
        if (!await roster.IsStaffAsync(desk, staff.UserId, cancellationToken))
        {
            return (null, Refusal.Forbidden("not_staff", "Only the desk's staff can do that."));
        }
        desk.StatusText = status;
        desk.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return (status, null);
    }
}
