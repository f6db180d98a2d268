using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Messages;

/// <summary>
/// Display names of message senders, looked up once per request scope: sending a message needs the
/// sender's name both for the reply and for the broadcast, which run in the same scope.
/// </summary>
internal sealed class SenderNames
{
    private readonly IChatReadModel _read;
    private readonly Dictionary<ParticipantRef, string?> _known = new();

    public SenderNames(IChatReadModel read) => _read = read;

    public async Task<string?> GetAsync(ParticipantRef sender, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(sender, out var name))
            return name;

        name = sender.Type == ParticipantType.User
            ? await _read.StaffUsers.Where(u => u.Id == sender.Id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : await _read.Customers.Where(c => c.Id == sender.Id).Select(c => c.DisplayName ?? c.PhoneNumber).FirstOrDefaultAsync(cancellationToken);
        _known[sender] = name;
        return name;
    }
}
