using System.Diagnostics;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The salon-creation verb, run as a real process the way an operator would, against a fresh database.</summary>
public class CreateSalonCommandLineTests
{
    [Fact]
    public async Task Create_salon_verb_makes_a_salon_whose_admin_can_log_in()
    {
        var database = Path.Combine(Path.GetTempPath(), $"cleanchat-cli-{Guid.NewGuid():N}.db");
        var (exitCode, output) = await RunVerbAsync(database, "correct-horse-staple", "--name", "Acme Hair", "--admin-email", "owner@acme.test", "--admin-name", "Olive Owner");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Created salon");
        using var factory = CleanChatApiFactory.OnDatabase(database);
        var login = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { username = "owner@acme.test", password = "correct-horse-staple" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = new JwtSecurityTokenHandler().ReadJwtToken((await login.ReadJsonAsync())["access_token"]!.GetValue<string>());
        token.Claims.ShouldContain(c => c.Type == "role" && c.Value == "admin");
    }

    [Fact]
    public async Task Create_salon_verb_refuses_a_weak_password_and_creates_nothing()
    {
        var database = Path.Combine(Path.GetTempPath(), $"cleanchat-cli-{Guid.NewGuid():N}.db");
        var (exitCode, output) = await RunVerbAsync(database, "short", "--name", "Acme Hair", "--admin-email", "owner@acme.test");

        exitCode.ShouldBe(1);
        output.ShouldContain("admin_password");
        using var factory = CleanChatApiFactory.OnDatabase(database);
        (await factory.WithDbAsync((db, _) => Task.FromResult(db.Salons.Count()))).ShouldBe(0);
    }

    private static async Task<(int ExitCode, string Output)> RunVerbAsync(string database, string password, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CleanChat.WebApi.dll"));
        start.ArgumentList.Add("create-salon");
        foreach (var option in options)
            start.ArgumentList.Add(option);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__CleanChat"] = $"Data Source={database}";
        start.Environment["CLEANCHAT_ADMIN_PASSWORD"] = password;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
