using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Platform;

public static class Startup
{
    /// <summary>
    /// Migrates the database (creating the SQLite file on first start), creates the roles, loads the demo data when
    /// <c>Demo:Seed</c> is true, and prints where to go and how to sign in.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RongtongDb>();
            await Database.MigrateAsync(db);
            await Roles.EnsureAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
            await Catalogues.EnsureAsync(db);
            if (app.Configuration.GetValue<bool>("Demo:Seed"))
                await scope.ServiceProvider.GetRequiredService<DemoSeed>().SeedAsync();
        }
        var demo = app.Configuration.GetValue<bool>("Demo:Seed");
        if (app.Environment.IsEnvironment("Testing")) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var settings = app.Services.GetRequiredService<Database.Settings>();
            Console.WriteLine();
            Console.WriteLine($"Rongtong is running on {settings.Provider}: {string.Join(" ", addresses)}");
            if (demo)
            {
                Console.WriteLine($"Demo sign-ins (password {DemoSeed.Password}):");
                foreach (var (user, role, what) in DemoSeed.SignIns) Console.WriteLine($"  {user,-16} {role,-18} {what}");
            }
            Console.WriteLine();
        });
    }
}
