namespace CleanChat.LoadTest;

/// <summary>Creates the chats of a scenario and opens one joined socket per member.</summary>
public static class Chats
{
    public static async Task<IReadOnlyList<LoadConnection>> ConnectAsync(ChatApiClient api, LoadOptions options, (List<Account> Staff, List<Account> Customers) accounts)
    {
        var roomSize = options.Scenario == "rooms" ? options.RoomSize : 2;
        var rooms = options.Connections / roomSize;
        var staffPerRoom = roomSize / 2;
        var customersPerRoom = roomSize - staffPerRoom;
        using var gate = new SemaphoreSlim(8);

        async Task<List<(Account Account, long ChatId)>> RoomAsync(int room)
        {
            await gate.WaitAsync();
            try
            {
                var staff = accounts.Staff.Skip(room * staffPerRoom).Take(staffPerRoom).ToList();
                var customers = accounts.Customers.Skip(room * customersPerRoom).Take(customersPerRoom).ToList();
                var chatId = await api.CreateChatAsync(staff[0].Token, customers[0].Id);
                foreach (var member in staff.Skip(1))
                    await api.AddParticipantAsync(staff[0].Token, chatId, "user", member.Id);
                foreach (var member in customers.Skip(1))
                    await api.AddParticipantAsync(staff[0].Token, chatId, "customer", member.Id);
                return staff.Concat(customers).Select(a => (a, chatId)).ToList();
            }
            finally
            {
                gate.Release();
            }
        }

        var members = (await Task.WhenAll(Enumerable.Range(0, rooms).Select(RoomAsync))).SelectMany(m => m).ToList();
        var connections = members.Select((m, i) => new LoadConnection(i, m.Account.Token, m.Account.IsStaff, m.ChatId)).ToList();
        foreach (var connection in connections)
            connection.Recipients = roomSize - 1;

        foreach (var batch in connections.Chunk(100))
            await Task.WhenAll(batch.Select(c => c.ConnectAsync(options.SecondUrl is { } second && c.Index % 2 == 1 ? second : options.Url, join: true)));
        return connections;
    }
}
