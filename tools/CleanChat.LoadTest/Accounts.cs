namespace CleanChat.LoadTest;

public sealed record Account(string Token, long Id, bool IsStaff);

/// <summary>
/// Load accounts: half staff of the admin's salon, half customers, named so that reruns reuse them.
/// Each login costs the server a password hash, so setup runs a few at a time.
/// </summary>
public static class Accounts
{
    public const string Password = "load-test-password";

    public static async Task<(List<Account> Staff, List<Account> Customers)> PrepareAsync(ChatApiClient api, LoadOptions options)
    {
        var people = Math.Max(2, options.Connections / options.SocketsPerAccount);
        var perKind = (people + 1) / 2;
        var (adminToken, _) = await api.LoginStaffAsync(options.AdminEmail, options.AdminPassword);
        using var gate = new SemaphoreSlim(8);

        async Task<Account> StaffAsync(int i)
        {
            await gate.WaitAsync();
            try
            {
                var email = $"load-staff-{i}@load.test";
                await api.EnsureStaffAsync(adminToken, email, Password);
                var (token, id) = await api.LoginStaffAsync(email, Password);
                return new Account(token, id, true);
            }
            finally
            {
                gate.Release();
            }
        }

        async Task<Account> CustomerAsync(int i)
        {
            await gate.WaitAsync();
            try
            {
                var phone = $"+1999{i:0000000}";
                await api.EnsureCustomerAsync(phone, Password);
                var (token, id) = await api.LoginCustomerAsync(phone, Password);
                return new Account(token, id, false);
            }
            finally
            {
                gate.Release();
            }
        }

        var staff = await Task.WhenAll(Enumerable.Range(0, perKind).Select(StaffAsync));
        var customers = await Task.WhenAll(Enumerable.Range(0, perKind).Select(CustomerAsync));
        return (staff.ToList(), customers.ToList());
    }
}
