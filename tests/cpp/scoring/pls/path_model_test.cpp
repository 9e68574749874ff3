// PathModel against published results on satisfaction_bank.csv (tests/data/pls_bank_reference.md):
// R plspm fixtures (GoogleCloudPlatform/plspm-python tests/data, commit addf584; the PATH and
// FACTORIAL outer models from commit 49dd219 of the same repository) and ADANCO 2.2.1 (cSEM
// tests/comparisons, commit 1aa2be5). Numbers are copied from those files.
#include <massline/scoring/pls/path_model.hpp>

#include <massline/core/error.hpp>
#include <massline/core/random.hpp>

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "bank_data.hpp"

namespace massline::scoring::pls {
namespace {

using testing::EXPE;
using testing::IMAG;
using testing::LOY;
using testing::QUAL;
using testing::SAT;
using testing::VAL;
using Eigen::Index;

// ---- published numbers ------------------------------------------------------------------

// plspm satisfaction.outer-model.csv (Mode A, centroid, scaled = FALSE, tol 1e-6, maxiter 100).
constexpr std::array<double, 27> kPlspmWeight{
    0.0982418501741741, 0.157472863818056, 0.156722118194341, 0.0765758587028763, 0.184330241358762,
    0.106230159251131,  0.140693124381936, 0.118783165134756, 0.0994514827286758, 0.138374378658729,
    0.106606553258155,  0.134594903250232, 0.117141650592502, 0.0956184636638662, 0.115707870129084,
    0.174960810051613,  0.11766978894579,  0.1207889525664,   0.16652602110192,   0.166366549374147,
    0.162659797860461,  0.121091359148817, 0.132079076814512, 0.158624625826792,  0.081728096069474,
    0.161664593108151,  0.0806690862675395};
constexpr std::array<double, 27> kPlspmLoading{
    0.70932650116601,  0.877307817983846, 0.841748537706059, 0.569193430203468, 0.77846683251928,
    0.765800562617078, 0.837418997567575, 0.759820571357087, 0.71834524993581,  0.837276022047764,
    0.781469313516066, 0.881558340214507, 0.794076151381524, 0.788981936722486, 0.807446541109636,
    0.864821997997945, 0.796238958208741, 0.750064674608617, 0.844483086242166, 0.919797990928334,
    0.916030239797506, 0.825878617822696, 0.8175253352275,   0.906587085677551, 0.671101376778201,
    0.904973625494352, 0.681874238346727};
constexpr std::array<double, 27> kPlspmCommunality{
    0.503144085256414, 0.769669007495577, 0.708540600730289, 0.32398116098679,  0.606010609332601,
    0.586450501704633, 0.701270577487083, 0.57732730065741,  0.516019898105342, 0.701031137096127,
    0.610694287967272, 0.777145107201757, 0.630556934192892, 0.622492496474366, 0.651969916749915,
    0.747917088221157, 0.63399647856934,  0.56259701609573,  0.713151682949093, 0.846028344115799,
    0.839111400223476, 0.682075491376727, 0.668347673738837, 0.821900143917314, 0.450377057913597,
    0.818977262840392, 0.464952476920929};
constexpr std::array<double, 27> kPlspmRedundancy{
    0, 0, 0, 0, 0,
    0.196574497358231, 0.235061460227157, 0.193516458094997, 0.172966604687111, 0.234981201323187,
    0.439509494371556, 0.559302190718832, 0.45380440718065,  0.448000526230889, 0.469215078808101,
    0.441334185908254, 0.37411141441304,  0.331979707381151, 0.420819663543203, 0.59841357170163,
    0.593521072379765, 0.482446284221684, 0.472736311214876, 0.419105427135653, 0.229657423259882,
    0.417614984128341, 0.237089758263054};
// satisfaction.inner-summary.csv: r_squared, block_communality (= ave), mean_redundancy.
constexpr std::array<double, 6> kPlspmR2{0, 0.335193672418813, 0.719688235228933, 0.59008437279849,
                                         0.707320949544597, 0.509922562050087};
constexpr std::array<double, 6> kPlspmAve{0.582269092760334, 0.616419883010119, 0.65857174851724,
                                          0.66441556645883,  0.75889072736371,  0.639051735398058};
constexpr std::array<double, 6> kPlspmMeanRedundancy{0, 0.206620044338137, 0.473966339462006,
                                                     0.392061242811412, 0.536779309879489, 0.325866898196732};

struct Effect {
  Index from, to;
  double direct, indirect, total;
};
// satisfaction.effects.csv
constexpr std::array<Effect, 15> kPlspmEffects{{
    {IMAG, EXPE, 0.57895912845279, 0, 0.57895912845279},
    {IMAG, QUAL, 0, 0.491156739303251, 0.491156739303251},
    {IMAG, VAL, 0, 0.393411171344413, 0.393411171344413},
    {IMAG, SAT, 0.200724200280665, 0.290246937598827, 0.490971137879492},
    {IMAG, LOY, 0.275149575748467, 0.243266046562688, 0.518415622311155},
    {EXPE, QUAL, 0.8483444083796, 0, 0.8483444083796},
    {EXPE, VAL, 0.105477649519747, 0.574036934516201, 0.679514584035949},
    {EXPE, SAT, -0.00275399457916834, 0.504079430753709, 0.501325436174541},
    {EXPE, LOY, 0, 0.248396387262645, 0.248396387262645},
    {QUAL, VAL, 0.676655529105984, 0, 0.676655529105984},
    {QUAL, SAT, 0.122144565609107, 0.398773842804961, 0.520918408414068},
    {QUAL, LOY, 0, 0.25810429986563, 0.25810429986563},
    {VAL, SAT, 0.589330650016017, 0, 0.589330650016017},
    {VAL, LOY, 0, 0.292001150957277, 0.292001150957277},
    {SAT, LOY, 0.495479322090817, 0, 0.495479322090817},
}};
constexpr double kPlspmGof = 0.609741624338411;

// satisfaction.outer-model-path.csv / -factorial.csv: weights and loadings.
constexpr std::array<double, 27> kPlspmPathWeight{
    0.0982374837495072, 0.157615347025361, 0.157340626997026, 0.0765125291238404, 0.183702432801162,
    0.106472074048238,  0.140673451958955, 0.119296754177591, 0.0985110999361921, 0.138331924334016,
    0.106688211231029,  0.134487900474709, 0.117468232469162, 0.0951526521301759, 0.115789386247801,
    0.172177324810643,  0.121254528616825, 0.121818439478709, 0.165654571843956,  0.168756177314286,
    0.157704893306817,  0.120047692026398, 0.135884589449262, 0.159856955694287,  0.0803591951846723,
    0.162545377518156,  0.0786269581935837};
constexpr std::array<double, 27> kPlspmPathLoading{
    0.70955076789416,  0.877671629024529, 0.842359193682084, 0.569354023449058, 0.777662796725605,
    0.765845945253858, 0.837413503394175, 0.760461417953682, 0.717466074586617, 0.837165208558368,
    0.781515750552344, 0.881449200713862, 0.794471769558678, 0.78854863823007,  0.807403042453803,
    0.86271564077978,  0.799328099439193, 0.752589683815716, 0.843047471071002, 0.920289506434007,
    0.913547232451711, 0.824709653947123, 0.82088699490331,  0.907671852011147, 0.669011176703357,
    0.906017863968373, 0.678814311108138};
constexpr std::array<double, 27> kPlspmFactorialWeight{
    0.0982545375897477, 0.157603829359382, 0.157271399165454, 0.0766051139521016, 0.183715073052855,
    0.106456195681037,  0.140666601142957, 0.119323668568218, 0.0985183299883673, 0.138322004783815,
    0.106670170446971,  0.134478167196619, 0.117498232409339, 0.0951443895696116, 0.115791745628894,
    0.174575957905234,  0.118244094401818, 0.120898501134967, 0.166374404382135,  0.166550226780549,
    0.16260074678273,   0.121202401577709, 0.131824636097498, 0.158852482428485,  0.0814752201910471,
    0.161829921608218,  0.0802887089500578};
constexpr std::array<double, 27> kPlspmFactorialLoading{
    0.709579562555722, 0.877650530033183, 0.842312903983941, 0.569450000842037, 0.777670513144494,
    0.765829962387182, 0.837407735764608, 0.760493632742242, 0.717467172952437, 0.837153103927455,
    0.781497773363646, 0.881441744489607, 0.794504244292274, 0.78853508550273,  0.807401275380418,
    0.864544798086425, 0.796730006569803, 0.750398574481397, 0.844250646016627, 0.919879569484991,
    0.916051214762556, 0.8259550050837,   0.817325794633066, 0.906789340022167, 0.67071592524707,
    0.905170501091789, 0.681305477044771};

// satisfaction.modeb.inner-summary.csv (all Mode B, centroid, scaled = FALSE; plspm stops after 6 iterations).
constexpr std::array<double, 6> kPlspmModeBR2{0, 0.372046006581529, 0.722837619445379, 0.614360808369793,
                                              0.732183693952877, 0.539969047981518};
constexpr std::array<double, 6> kPlspmModeBCommunality{0.532480143903468, 0.60484775361322, 0.657778609805617,
                                                       0.637277128517747, 0.73353650551065, 0.578474667245272};
constexpr std::array<double, 6> kPlspmModeBRedundancy{0, 0.225031191321607, 0.475467124433983,
                                                      0.391518091831744, 0.537083468254072, 0.312358415353855};

// ADANCO 2.2.1 composite model (all Mode B, centroid, standardised data, converged).
constexpr std::array<double, 27> kAdancoWeight{
    -0.03238511224778578, 0.22718199986090076, 0.4812909775946642,  0.03765571887808444,  0.47835878982675034,
    0.08395059375029214,  0.4278487061162075,  0.1684269521422747,  0.32793779684815666,  0.23658691410373675,
    0.2095785753923253,   0.3723765913912281,  0.17006779059050345, 0.2202334246229293,   0.24160153960509528,
    0.5287268239564858,   0.1339668203540468,  0.1271984038106064,  0.38823104855972895,  0.4012295236880642,
    0.4805689340619835,   0.03126609295292356, 0.1859018110594757,  0.5435073097510886,   0.07193323774772702,
    0.5244133429421172,   -0.06502209859701408};
constexpr std::array<double, 27> kAdancoLoading{
    0.5597504634182339, 0.8364674768477685, 0.8770053534064308, 0.47039721057952866, 0.811711473935598,
    0.7105115954040314, 0.8747749350174042, 0.6997265562852568, 0.7882127303904116,  0.8020022953004226,
    0.7767959891351705, 0.8999650460543142, 0.7409923601861969, 0.8170655020120202,  0.8117093133408941,
    0.9191354870787644, 0.741835921262207,  0.6503858195341436, 0.8549521648533805,  0.9399339218017528,
    0.9483894414889666, 0.7431782242851512, 0.7738922876771687, 0.9282624966950355,  0.5781566586655152,
    0.9282799597637521, 0.5061130031284022};
// Effect Overview: direct (Beta), indirect, total.
constexpr std::array<Effect, 15> kAdancoEffects{{
    {IMAG, EXPE, 0.609960031369159, 0, 0.609960031369159},
    {IMAG, QUAL, 0, 0.5185847887686337, 0.5185847887686337},
    {IMAG, VAL, 0, 0.4315949634046509, 0.4315949634046509},
    {IMAG, SAT, 0.19470365125119715, 0.32147608431768615, 0.5161797355688833},
    {IMAG, LOY, 0.24053934390970966, 0.2806620180747539, 0.5212013619844635},
    {EXPE, QUAL, 0.8501947047326723, 0, 0.8501947047326723},
    {EXPE, VAL, 0.1630539403044975, 0.5445251488300195, 0.707579089134517},
    {EXPE, SAT, -0.0035417718239983964, 0.5305862793076748, 0.5270445074836764},
    {EXPE, LOY, 0, 0.286569512308651, 0.286569512308651},
    {QUAL, VAL, 0.6404711130272625, 0, 0.6404711130272625},
    {QUAL, SAT, 0.11649961636360695, 0.3906110541850727, 0.5071106705486796},
    {QUAL, LOY, 0, 0.2757309021954831, 0.2757309021954831},
    {VAL, SAT, 0.6098808302825764, 0, 0.6098808302825764},
    {VAL, LOY, 0, 0.3316100435898882, 0.3316100435898882},
    {SAT, LOY, 0.5437292453285393, 0, 0.5437292453285393},
}};
constexpr std::array<double, 6> kAdancoR2{0, 0.37205123986786576, 0.722831035955476, 0.6143637762944579,
                                          0.7321791734008405, 0.5399705421924587};
constexpr std::array<double, 6> kAdancoAdjustedR2{0, 0.36951918841572007, 0.7217134191649739, 0.6112412157786236,
                                                  0.7278065884767726, 0.5362456073114259};
// Inter-Construct Correlations (lower triangle, row-wise: EXPE-IMAG, QUAL-IMAG, QUAL-EXPE, ...).
constexpr std::array<double, 15> kAdancoLatentCorrelation{
    0.6099600313691595, 0.6608790519228932, 0.8501947047326726, 0.7269186629478568, 0.7075790891345171,
    0.7790987096599429, 0.7128692257166294, 0.6458059527085469, 0.7173213530777789, 0.8396731652247797,
    0.6281471900265531, 0.5187119017198779, 0.628688695778095,  0.6975618133683683, 0.7152023411758399};

// ADANCO 2.2.1 common-factor model: its "Weights" are ordinary Mode A PLS weights (centroid,
// standardised data); PLSc only corrects loadings and paths afterwards. Its rho_A is computed
// from these weights. HTMT and Cronbach's alpha are functions of the data alone.
constexpr std::array<double, 27> kAdancoModeAWeight{
    0.20601295659423505, 0.29718121603806164, 0.30682893314269305, 0.18134570740149322, 0.2862782013076067,
    0.23569191165130812, 0.28163391278504557, 0.2235533623388348,  0.26106020598543767, 0.26528878169904946,
    0.2416926171694526,  0.26892207467602347, 0.22504209064554734, 0.24588905516925222, 0.24644404494958794,
    0.35477136526262143, 0.28568257231630834, 0.24988387970688763, 0.3274085930658427,  0.31705018054110684,
    0.3172114324952433,  0.2482115866505431,  0.26013890925989025, 0.37406660537986997, 0.2516612946819376,
    0.3712029459395424,  0.22310762495294512};
constexpr std::array<double, 6> kAdancoRhoA{0.8547299912717881, 0.8514640015413936, 0.8746628304296336,
                                            0.8491281635550818, 0.907274865039256,  0.8640293549177509};
constexpr std::array<double, 6> kAdancoAlpha{0.8302266908349932, 0.846584074731279,  0.8713249515117172,
                                             0.8357228370775922, 0.8940109105527216, 0.8194216497178141};
constexpr std::array<double, 15> kAdancoHtmt{
    0.6438293156538138, 0.7015500125426882, 0.9819025602630505, 0.8116502838095809, 0.7874661267303859,
    0.8783567333800572, 0.7580543881200469, 0.7030478508247818, 0.7852919107733545, 0.9293178296067206,
    0.7190520499716903, 0.5517920278429415, 0.7001706552037801, 0.8002987605071613, 0.7432488514821056};

// ADANCO 2.2.1 common-factor model, PLSc ("Mode A consistent" for every block): consistent
// loadings, paths on the disattenuated construct correlations, R², Joereskog's rho_c and AVE
// from the consistent loadings.
struct ConsistentPath {
  Index from, to;
  double value;
};
constexpr std::array<double, 27> kAdancoConsistentLoading{
    0.5606061698763075, 0.8086948803439643, 0.834948421982757, 0.4934812068645665, 0.779025400185082,
    0.672545027149295, 0.8036401681887305, 0.637907771590911, 0.7449332566907468, 0.7569994644285892,
    0.7470531147686597, 0.831217253839084, 0.6955876300223852, 0.7600239788165504, 0.7617394091384203,
    0.8668834086851581, 0.6980650253669112, 0.6105909625919907, 0.8000225073960704, 0.9139540123913065,
    0.9144188500716933, 0.7155144184245742, 0.749897065162998, 0.8896673639614567, 0.5985427125295999,
    0.8828565331925022, 0.5306316300810039};
constexpr std::array<ConsistentPath, 10> kAdancoConsistentPath{{
    {0, 1, 0.6564368315792656},  // IMAG -> EXPE
    {0, 4, -0.0007913825178338385},  // IMAG -> SAT
    {0, 5, 0.31813077389581523},  // IMAG -> LOY
    {1, 2, 0.979802130232049},  // EXPE -> QUAL
    {1, 3, -1.7117019932671624},  // EXPE -> VAL
    {1, 4, 0.5464296522519021},  // EXPE -> SAT
    {2, 3, 2.5596342583254312},  // QUAL -> VAL
    {2, 4, -0.8542119710893878},  // QUAL -> SAT
    {3, 4, 1.2534917204815912},  // VAL -> SAT
    {4, 5, 0.5088614697687541},  // SAT -> LOY
}};
constexpr std::array<double, 6> kAdancoConsistentR2{0, 0.43090931385382536, 0.9600122144072613, 0.8959762345283748, 0.8844807284000284, 0.6091048169088399};
constexpr std::array<double, 6> kAdancoConsistentAdjustedR2{0, 0.42861459334517144, 0.9598509733363227, 0.8951339368322483, 0.8825946994759473, 0.6059396737259155};
constexpr std::array<double, 6> kAdancoConsistentRhoC{0.8295233153955133, 0.8467260998184637, 0.8722897029962893, 0.8350965219795247, 0.8963731818258888, 0.8247411108449869};
constexpr std::array<double, 6> kAdancoConsistentAve{0.5031619660462908, 0.5266108809189584, 0.5781472012432387, 0.5629097399583536, 0.6864450653615353, 0.5526917455658814};

// plspm satisfaction_unidim.csv: standardised alpha, DG rho (first-PC loadings), eigenvalues.
struct Unidim {
  double alpha, rho, eig1, eig2;
};
constexpr std::array<Unidim, 6> kPlspmUnidim{{
    {0.830226690205339, 0.882203311183515, 3.01780990053354, 0.777635750863909},
    {0.84658407892526, 0.890855432982731, 3.10231374752292, 0.610546737862663},
    {0.871324954769643, 0.906899737529554, 3.30598735662497, 0.567777281450322},
    {0.835722840511797, 0.890444224132854, 2.68153094464434, 0.600684167284007},
    {0.894010912676559, 0.926700636965068, 3.03999878726797, 0.422000089566117},
    {0.819421641029961, 0.881371093219811, 2.60472075864966, 0.573454889436363},
}};

// ---- helpers ----------------------------------------------------------------------------

template <std::size_t N>
void expect_near_all(const Eigen::VectorXd& actual, const std::array<double, N>& expected, double tolerance,
                     const std::string& what, const PathModelResult& fit) {
  ASSERT_EQ(actual.size(), static_cast<Index>(N)) << what;
  for (std::size_t i = 0; i < N; ++i) {
    const std::string name =
        actual.size() == static_cast<Index>(fit.indicator_names.size()) ? fit.indicator_names[i] : fit.latent_names[i];
    EXPECT_NEAR(actual(static_cast<Index>(i)), expected[i], tolerance) << what << " of " << name;
  }
}

template <std::size_t N>
void expect_effects(const PathModelResult& fit, const std::array<Effect, N>& expected, double tolerance) {
  for (const auto& e : expected) {
    const std::string label = fit.latent_names[static_cast<std::size_t>(e.from)] + " -> " +
                              fit.latent_names[static_cast<std::size_t>(e.to)];
    EXPECT_NEAR(fit.paths(e.from, e.to), e.direct, tolerance) << "path " << label;
    EXPECT_NEAR(fit.direct_effects(e.from, e.to), e.direct, tolerance) << "direct " << label;
    EXPECT_NEAR(fit.indirect_effects(e.from, e.to), e.indirect, tolerance) << "indirect " << label;
    EXPECT_NEAR(fit.total_effects(e.from, e.to), e.total, tolerance) << "total " << label;
  }
}

PlsOptions plspm_options(InnerScheme scheme = InnerScheme::Centroid) {
  PlsOptions options;
  options.scheme = scheme;
  options.standardize = false;
  options.tolerance = 1e-6;
  options.max_iterations = 100;
  options.stop_rule = StopRule::Plspm;
  return options;
}

class PathModelBank : public ::testing::Test {
 protected:
  PlsData data = testing::load_bank();
};

// ---- plspm fixtures: emulating plspm's stop rule reproduces its numbers to rounding ---------

TEST_F(PathModelBank, ModeACentroidMatchesPlspm) {
  const PathModelResult fit = PathModel(testing::bank_spec(), plspm_options()).fit(data);
  constexpr double tol = 1e-10;  // plspm's early stop is emulated exactly
  EXPECT_EQ(fit.iterations, 4) << "plspm stops after 4 iterations at tol 1e-6";
  EXPECT_EQ(fit.observations, 250U);
  expect_near_all(fit.outer_weights, kPlspmWeight, tol, "weight", fit);
  expect_near_all(fit.loadings, kPlspmLoading, tol, "loading", fit);
  expect_near_all(fit.communality, kPlspmCommunality, tol, "communality", fit);
  expect_near_all(fit.redundancy, kPlspmRedundancy, tol, "redundancy", fit);
  expect_near_all(fit.r_squared, kPlspmR2, tol, "R2", fit);
  expect_near_all(fit.ave, kPlspmAve, tol, "AVE", fit);
  expect_near_all(fit.mean_redundancy, kPlspmMeanRedundancy, tol, "mean redundancy", fit);
  expect_effects(fit, kPlspmEffects, tol);
  EXPECT_NEAR(fit.gof, kPlspmGof, tol);
  for (std::size_t j = 0; j < 6; ++j) {
    const auto& u = fit.unidimensionality[j];
    EXPECT_NEAR(u.cronbach_alpha_standardized, kPlspmUnidim[j].alpha, tol) << fit.latent_names[j];
    EXPECT_NEAR(fit.cronbach_alpha_standardized(static_cast<Index>(j)), kPlspmUnidim[j].alpha, tol);
    EXPECT_NEAR(u.dillon_goldstein_rho, kPlspmUnidim[j].rho, tol) << fit.latent_names[j];
    EXPECT_NEAR(u.first_eigenvalue, kPlspmUnidim[j].eig1, tol) << fit.latent_names[j];
    EXPECT_NEAR(u.second_eigenvalue, kPlspmUnidim[j].eig2, tol) << fit.latent_names[j];
  }
}

TEST_F(PathModelBank, PathAndFactorialSchemesMatchPlspm) {
  const PathModelResult path = PathModel(testing::bank_spec(), plspm_options(InnerScheme::Path)).fit(data);
  expect_near_all(path.outer_weights, kPlspmPathWeight, 1e-10, "path-scheme weight", path);
  expect_near_all(path.loadings, kPlspmPathLoading, 1e-10, "path-scheme loading", path);
  const PathModelResult factorial = PathModel(testing::bank_spec(), plspm_options(InnerScheme::Factorial)).fit(data);
  expect_near_all(factorial.outer_weights, kPlspmFactorialWeight, 1e-10, "factorial weight", factorial);
  expect_near_all(factorial.loadings, kPlspmFactorialLoading, 1e-10, "factorial loading", factorial);
}

TEST_F(PathModelBank, ModeBMatchesPlspmEarlyStop) {
  const PathModelResult fit = PathModel(testing::bank_spec(OuterMode::B), plspm_options()).fit(data);
  EXPECT_EQ(fit.iterations, 6) << "plspm stops after 6 iterations at tol 1e-6";
  expect_near_all(fit.r_squared, kPlspmModeBR2, 1e-10, "R2", fit);
  expect_near_all(fit.ave, kPlspmModeBCommunality, 1e-10, "block communality", fit);
  expect_near_all(fit.mean_redundancy, kPlspmModeBRedundancy, 1e-10, "mean redundancy", fit);
}

TEST_F(PathModelBank, ConvergedModeAAgreesWithPlspmToSixDecimals) {
  PlsOptions options;
  options.standardize = false;
  const PathModelResult fit = PathModel(testing::bank_spec(), options).fit(data);
  EXPECT_GT(fit.iterations, 4);
  EXPECT_LT(fit.final_change, options.tolerance);
  expect_near_all(fit.outer_weights, kPlspmWeight, 1e-6, "weight", fit);
  expect_near_all(fit.loadings, kPlspmLoading, 1e-6, "loading", fit);
  expect_near_all(fit.r_squared, kPlspmR2, 1e-6, "R2", fit);
  expect_effects(fit, kPlspmEffects, 1e-6);
  EXPECT_NEAR(fit.gof, kPlspmGof, 1e-6);
}

// ---- ADANCO ------------------------------------------------------------------------------

TEST_F(PathModelBank, ModeBCompositeMatchesAdanco) {
  const PathModelResult fit = PathModel(testing::bank_spec(OuterMode::B)).fit(data);
  constexpr double tol = 1e-6;
  expect_near_all(fit.outer_weights, kAdancoWeight, tol, "weight", fit);
  expect_near_all(fit.loadings, kAdancoLoading, tol, "loading", fit);
  expect_near_all(fit.r_squared, kAdancoR2, tol, "R2", fit);
  expect_near_all(fit.adjusted_r_squared, kAdancoAdjustedR2, tol, "adjusted R2", fit);
  expect_effects(fit, kAdancoEffects, tol);
  std::size_t k = 0;
  for (Index i = 1; i < 6; ++i) {
    for (Index j = 0; j < i; ++j, ++k) {
      EXPECT_NEAR(fit.latent_correlations(i, j), kAdancoLatentCorrelation[k], tol) << i << "," << j;
      EXPECT_NEAR(fit.latent_correlations(j, i), kAdancoLatentCorrelation[k], tol) << j << "," << i;
    }
  }
}

TEST_F(PathModelBank, ModeAWeightsRhoAHtmtAlphaMatchAdanco) {
  const PathModelResult fit = PathModel(testing::bank_spec()).fit(data);
  constexpr double tol = 1e-6;
  expect_near_all(fit.outer_weights, kAdancoModeAWeight, tol, "Mode A weight", fit);
  expect_near_all(fit.rho_a, kAdancoRhoA, tol, "rho_A", fit);
  expect_near_all(fit.cronbach_alpha_standardized, kAdancoAlpha, tol, "standardised alpha", fit);
  std::size_t k = 0;
  for (Index i = 1; i < 6; ++i) {
    for (Index j = 0; j < i; ++j, ++k) {
      EXPECT_NEAR(fit.htmt(i, j), kAdancoHtmt[k], tol) << "HTMT " << fit.latent_names[static_cast<std::size_t>(i)]
                                                      << "/" << fit.latent_names[static_cast<std::size_t>(j)];
      EXPECT_DOUBLE_EQ(fit.htmt(i, j), fit.htmt(j, i));
    }
    EXPECT_TRUE(std::isnan(fit.htmt(i, i)));
  }
}

TEST_F(PathModelBank, ConsistentModeAMatchesAdancoPlsc) {
  const PathModelResult fit = PathModel(testing::bank_spec(OuterMode::AConsistent)).fit(data);
  constexpr double tol = 1e-6;
  expect_near_all(fit.outer_weights, kAdancoModeAWeight, tol, "weight", fit);
  expect_near_all(fit.loadings, kAdancoConsistentLoading, tol, "consistent loading", fit);
  expect_near_all(fit.r_squared, kAdancoConsistentR2, tol, "R2", fit);
  expect_near_all(fit.adjusted_r_squared, kAdancoConsistentAdjustedR2, tol, "adjusted R2", fit);
  expect_near_all(fit.rho_a, kAdancoRhoA, tol, "rho_A", fit);
  expect_near_all(fit.composite_reliability, kAdancoConsistentRhoC, tol, "rho_c", fit);
  expect_near_all(fit.ave, kAdancoConsistentAve, tol, "AVE", fit);
  expect_near_all(fit.cronbach_alpha_standardized, kAdancoAlpha, tol, "standardised alpha", fit);
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(6, 6);
  for (const auto& p : kAdancoConsistentPath) expected(p.from, p.to) = p.value;
  EXPECT_LT(testing::max_abs_diff(fit.paths, expected), tol);
  EXPECT_TRUE(fit.direct_effects == fit.paths);
  // Total effects are the sum over routes of path products: IMAG -> EXPE -> QUAL -> VAL -> SAT ...
  const Eigen::MatrixXd b = fit.paths;
  EXPECT_LT(testing::max_abs_diff(fit.total_effects, b + b * b + b * b * b + b * b * b * b + b * b * b * b * b), 1e-12);
}

TEST_F(PathModelBank, ConsistentBlocksCorrectOnlyWhatRhoADisattenuates) {
  const PathModelResult plain = PathModel(testing::bank_spec()).fit(data);
  // Only SAT is a common factor: the composites keep their Mode A numbers.
  std::vector<LatentBlock> blocks = testing::bank_spec().blocks();
  blocks[SAT].mode = OuterMode::AConsistent;
  const PathModelResult mixed = PathModel(PlsModelSpec(blocks, testing::bank_spec().paths())).fit(data);
  EXPECT_TRUE(mixed.outer_weights == plain.outer_weights);
  EXPECT_TRUE(mixed.scores == plain.scores) << "scores stay the Mode A composites";
  EXPECT_TRUE(mixed.rho_a == plain.rho_a);
  for (Index j = 0; j < 6; ++j) {
    EXPECT_EQ(plain.construct_reliability(j), 1.0);
    EXPECT_NEAR(mixed.construct_reliability(j), j == SAT ? plain.rho_a(SAT) : 1.0, 1e-15);
  }
  const double q = std::sqrt(plain.rho_a(SAT));
  for (Index i = 0; i < 6; ++i) {
    for (Index j = 0; j < 6; ++j) {
      const double factor = i == j ? 1.0 : (i == SAT ? q : 1.0) * (j == SAT ? q : 1.0);
      EXPECT_NEAR(mixed.latent_correlations(i, j) * factor, plain.latent_correlations(i, j), 1e-13) << i << "," << j;
    }
  }
  for (Index k = 0; k < static_cast<Index>(mixed.indicator_names.size()); ++k) {
    const auto own = static_cast<Index>(mixed.indicator_block[static_cast<std::size_t>(k)]);
    for (Index j = 0; j < 6; ++j) {
      if (own == SAT && j == SAT) continue;  // the consistent loadings, checked below
      EXPECT_NEAR(mixed.cross_loadings(k, j) * (j == SAT ? q : 1.0), plain.cross_loadings(k, j), 1e-13)
          << mixed.indicator_names[static_cast<std::size_t>(k)] << " with " << j;
    }
  }
  // Consistent loadings: sqrt(rho_A) w / (w'w) on the standardised weights; rho_c and AVE from them.
  Index first = 0;
  while (mixed.indicator_block[static_cast<std::size_t>(first)] != static_cast<std::size_t>(SAT)) ++first;
  const Eigen::VectorXd w = plain.outer_weights.segment(first, 4);
  const Eigen::VectorXd lambda = std::sqrt(plain.rho_a(SAT)) / w.squaredNorm() * w;
  EXPECT_LT(testing::max_abs_diff(mixed.loadings.segment(first, 4), lambda), 1e-13);
  EXPECT_NEAR(mixed.ave(SAT), lambda.squaredNorm() / 4, 1e-13);
  EXPECT_NEAR(mixed.ave(IMAG), plain.ave(IMAG), 1e-15);
  // Paths into and out of SAT change; IMAG -> EXPE (both composites, no SAT involved) does not.
  EXPECT_NEAR(mixed.paths(IMAG, EXPE), plain.paths(IMAG, EXPE), 1e-13);
  EXPECT_GT(std::abs(mixed.paths(SAT, LOY) - plain.paths(SAT, LOY)), 1e-3);
}

TEST(PathModelConsistent, SingleIndicatorBlockIsItsOwnConstruct) {
  // rho_A of one indicator is 1: consistent and plain Mode A agree.
  const PlsData data = testing::load_bank();
  auto spec_with = [](OuterMode mode) {
    return PlsModelSpec({{"IMAG", {"imag1"}, mode}, {"SAT", {"sat1", "sat2"}, OuterMode::A}}, {{"IMAG", "SAT"}});
  };
  const PathModelResult a = PathModel(spec_with(OuterMode::A)).fit(data);
  const PathModelResult c = PathModel(spec_with(OuterMode::AConsistent)).fit(data);
  EXPECT_LT(testing::max_abs_diff(a.paths, c.paths), 1e-14);
  EXPECT_LT(testing::max_abs_diff(a.loadings, c.loadings), 1e-14);
}

// ---- internal consistency ----------------------------------------------------------------

TEST_F(PathModelBank, ScoresHaveUnitVarianceAndReproduceCorrelations) {
  const PathModelResult fit = PathModel(testing::bank_spec()).fit(data);
  const auto n = static_cast<double>(fit.scores.rows());
  const Eigen::VectorXd mean = fit.scores.colwise().mean();
  EXPECT_LT(testing::max_abs_diff(mean, Eigen::VectorXd::Zero(6)), 1e-12);
  const Eigen::MatrixXd covariance = fit.scores.transpose() * fit.scores / n;  // denominator n
  EXPECT_LT(testing::max_abs_diff(covariance, fit.latent_correlations), 1e-12);
  EXPECT_LT(testing::max_abs_diff(covariance.diagonal(), Eigen::VectorXd::Ones(6)), 1e-12);
  // Loadings are correlations of the indicators with the scores.
  for (Index i = 0; i < 27; ++i) {
    const Eigen::VectorXd x = data.values.col(i).array() - data.values.col(i).mean();
    const Index j = static_cast<Index>(fit.indicator_block[static_cast<std::size_t>(i)]);
    const double correlation = x.dot(fit.scores.col(j)) / std::sqrt(x.squaredNorm() * fit.scores.col(j).squaredNorm());
    EXPECT_NEAR(fit.loadings(i), correlation, 1e-12) << fit.indicator_names[static_cast<std::size_t>(i)];
    EXPECT_DOUBLE_EQ(fit.cross_loadings(i, j), fit.loadings(i));
  }
  // R2 equals the squared correlation of each endogenous latent with its fitted values.
  for (Index j = 1; j < 6; ++j) {
    const Eigen::VectorXd fitted = fit.scores * fit.paths.col(j);
    const double r = fitted.dot(fit.scores.col(j)) / std::sqrt(fitted.squaredNorm() * fit.scores.col(j).squaredNorm());
    EXPECT_NEAR(fit.r_squared(j), r * r, 1e-12) << fit.latent_names[static_cast<std::size_t>(j)];
  }
  // Joereskog's rho_c from the loadings, raw alpha from the covariance matrix.
  const Eigen::VectorXd l = fit.loadings.segment(0, 5);
  EXPECT_NEAR(fit.composite_reliability(0), l.sum() * l.sum() / (l.sum() * l.sum() + (1 - l.array().square()).sum()), 1e-14);
  const Eigen::MatrixXd imag = data.values.leftCols(5);
  const Eigen::MatrixXd centred = imag.rowwise() - imag.colwise().mean();
  const Eigen::MatrixXd cov = centred.transpose() * centred / (n - 1);
  EXPECT_NEAR(fit.cronbach_alpha(0), 5.0 / 4.0 * (1 - cov.trace() / cov.sum()), 1e-12);
  EXPECT_GT(std::abs(fit.cronbach_alpha(0) - fit.cronbach_alpha_standardized(0)), 1e-4) << "raw and standardised differ";
}

TEST_F(PathModelBank, StandardisedFitIsInvariantToIndicatorUnits) {
  const PathModelResult reference = PathModel(testing::bank_spec()).fit(data);
  PlsData rescaled = data;
  for (Index c = 0; c < rescaled.values.cols(); ++c) {
    rescaled.values.col(c) = rescaled.values.col(c) * (1.0 + 0.5 * static_cast<double>(c)) + Eigen::VectorXd::Constant(250, 100.0 - static_cast<double>(c));
  }
  const PathModelResult fit = PathModel(testing::bank_spec()).fit(rescaled);
  EXPECT_LT(testing::max_abs_diff(fit.outer_weights, reference.outer_weights), 1e-10);
  EXPECT_LT(testing::max_abs_diff(fit.paths, reference.paths), 1e-10);
  EXPECT_LT(testing::max_abs_diff(fit.scores, reference.scores), 1e-9);
}

// Extreme magnitudes: data scaled by 1e±300 (squares overflow or underflow) is not "zero
// variance"; the standardised fit is the same, and so are alpha and the weighted fit with
// survey weights near the largest double.
TEST_F(PathModelBank, Magnitudes_DataScaledBy1e300GivesTheSameFit) {
  const PathModelResult reference = PathModel(testing::bank_spec()).fit(data);
  for (const double factor : {1e300, 1e-300, 1e-305}) {
    PlsData scaled = data;
    scaled.values *= factor;
    const PathModelResult fit = PathModel(testing::bank_spec()).fit(scaled);
    SCOPED_TRACE(factor);
    EXPECT_LT(testing::max_abs_diff(fit.outer_weights, reference.outer_weights), 1e-10);
    EXPECT_LT(testing::max_abs_diff(fit.paths, reference.paths), 1e-10);
    EXPECT_LT(testing::max_abs_diff(fit.scores, reference.scores), 1e-9);
    EXPECT_LT(testing::max_abs_diff(fit.cronbach_alpha, reference.cronbach_alpha), 1e-10);
    EXPECT_LT(testing::max_abs_diff(fit.r_squared, reference.r_squared), 1e-10);
    EXPECT_NEAR(fit.indicator_sds(0) / factor, reference.indicator_sds(0), 1e-9 * reference.indicator_sds(0));
  }
  // Mixed: one column huge, another tiny.
  PlsData mixed = data;
  mixed.values.col(0) *= 1e300;
  mixed.values.col(1) *= 1e-300;
  const PathModelResult fit = PathModel(testing::bank_spec()).fit(mixed);
  EXPECT_LT(testing::max_abs_diff(fit.paths, reference.paths), 1e-10);
  // Unstandardised covariances of 1e300 data are not representable: a clear error.
  PlsOptions raw_units;
  raw_units.standardize = false;
  PlsData huge = data;
  huge.values *= 1e300;
  try {
    (void)PathModel(testing::bank_spec(), raw_units).fit(huge);
    ADD_FAILURE() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "pls.overflow") << e.what();
  }
}

TEST_F(PathModelBank, Magnitudes_HugeAndTinyWeights) {
  PlsData weighted = data;
  weighted.weights = Eigen::VectorXd::LinSpaced(data.values.rows(), 1.0, 3.0);
  const PathModelResult reference = PathModel(testing::bank_spec()).fit(weighted);
  for (const double factor : {1e-310 / 3.0 * 3.0, 1e305}) {
    PlsData scaled = weighted;
    scaled.weights *= factor;
    const PathModelResult fit = PathModel(testing::bank_spec()).fit(scaled);
    SCOPED_TRACE(factor);
    EXPECT_LT(testing::max_abs_diff(fit.paths, reference.paths), factor < 1 ? 1e-8 : 1e-10);
  }
  PlsData over = weighted;
  over.weights *= 5e307;  // each weight finite, Σw > the largest double
  try {
    (void)PathModel(testing::bank_spec()).fit(over);
    ADD_FAILURE() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "pls.overflow") << e.what();
  }
}

TEST_F(PathModelBank, ColumnOrderAndExtraColumnsDoNotMatter) {
  const PathModelResult reference = PathModel(testing::bank_spec()).fit(data);
  PlsData shuffled;
  for (Index c = data.values.cols(); c-- > 0;) shuffled.columns.push_back(data.columns[static_cast<std::size_t>(c)]);
  shuffled.columns.emplace_back("unused");
  shuffled.values.resize(250, 28);
  shuffled.values.leftCols(27) = data.values.rowwise().reverse();
  shuffled.values.col(27).setConstant(std::nan(""));  // not a model column: never read
  const PathModelResult fit = PathModel(testing::bank_spec()).fit(shuffled);
  EXPECT_LT(testing::max_abs_diff(fit.outer_weights, reference.outer_weights), 1e-13);
}

TEST_F(PathModelBank, SingleIndicatorBlocks) {
  // plspm-python's test_only_single_item_constructs: one indicator per latent. Weights are then
  // 1 / sd, loadings 1, and GoF is undefined.
  std::vector<LatentBlock> blocks;
  for (const char* stem : {"imag", "expe", "qual", "val", "sat", "loy"}) {
    std::string name(stem);
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    blocks.push_back({name, {std::string(stem) + "1"}, OuterMode::A});
  }
  const PlsModelSpec spec(std::move(blocks), testing::bank_spec().paths());
  const PathModelResult fit = PathModel(spec).fit(data);
  EXPECT_LT(testing::max_abs_diff(fit.loadings, Eigen::VectorXd::Ones(6)), 1e-12);
  EXPECT_LT(testing::max_abs_diff(fit.outer_weights, Eigen::VectorXd::Ones(6)), 1e-12) << "standardised";
  EXPECT_TRUE(std::isnan(fit.gof));
  EXPECT_EQ(fit.cronbach_alpha(0), 1.0);
  EXPECT_EQ(fit.rho_a(0), 1.0);
  EXPECT_TRUE(std::isnan(fit.htmt(1, 0)));
  // Paths are then regressions on the single indicators' correlations.
  const Eigen::VectorXd imag = data.values.col(0).array() - data.values.col(0).mean();
  const Eigen::VectorXd expe = data.values.col(5).array() - data.values.col(5).mean();
  EXPECT_NEAR(fit.paths(IMAG, EXPE), imag.dot(expe) / std::sqrt(imag.squaredNorm() * expe.squaredNorm()), 1e-12);
}

// ---- survey weights: integer weights equal duplicated rows ---------------------------------

TEST_F(PathModelBank, IntegerWeightsEqualDuplicatedRows) {
  const auto spec_for = [](OuterMode mode) {
    if (mode != OuterMode::AConsistent) return testing::bank_spec(mode);
    // PLSc on the blocks where it is admissible with these weights (EXPE and QUAL disattenuate
    // to a correlation matrix that is not positive definite).
    std::vector<LatentBlock> blocks = testing::bank_spec().blocks();
    for (const Index j : {IMAG, VAL, SAT, LOY}) blocks[static_cast<std::size_t>(j)].mode = OuterMode::AConsistent;
    return PlsModelSpec(blocks, testing::bank_spec().paths());
  };
  for (const OuterMode mode : {OuterMode::A, OuterMode::B, OuterMode::AConsistent}) {
    for (const InnerScheme scheme : {InnerScheme::Centroid, InnerScheme::Path}) {
      for (const bool standardize : {true, false}) {
        PlsOptions options;
        options.scheme = scheme;
        options.standardize = standardize;
        const PathModel model(spec_for(mode), options);
        PlsData weighted = data;
        weighted.weights.resize(250);
        std::vector<Index> rows;
        for (Index r = 0; r < 250; ++r) {
          const int copies = 1 + static_cast<int>((r * 7) % 3);  // weights in {1, 2, 3}
          weighted.weights(r) = copies;
          for (int c = 0; c < copies; ++c) rows.push_back(r);
        }
        PlsData duplicated;
        duplicated.columns = data.columns;
        duplicated.values.resize(static_cast<Index>(rows.size()), data.values.cols());
        for (std::size_t r = 0; r < rows.size(); ++r) duplicated.values.row(static_cast<Index>(r)) = data.values.row(rows[r]);
        const PathModelResult a = model.fit(weighted);
        const PathModelResult b = model.fit(duplicated);
        const std::string where = std::string("mode ") + std::string(to_name(mode)) + ", scheme " +
                                  std::string(to_name(scheme)) + (standardize ? ", standardised" : ", centred");
        constexpr double tol = 1e-10;
        EXPECT_EQ(a.iterations, b.iterations) << where;
        EXPECT_NEAR(a.weight_sum, static_cast<double>(rows.size()), 1e-9) << where;
        EXPECT_LT(testing::max_abs_diff(a.outer_weights, b.outer_weights), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.cross_loadings, b.cross_loadings), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.paths, b.paths), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.total_effects, b.total_effects), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.r_squared, b.r_squared), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.latent_correlations, b.latent_correlations), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.ave, b.ave), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.composite_reliability, b.composite_reliability), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.cronbach_alpha, b.cronbach_alpha), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.cronbach_alpha_standardized, b.cronbach_alpha_standardized), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.rho_a, b.rho_a), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.htmt, b.htmt), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.indicator_means, b.indicator_means), tol) << where;
        EXPECT_LT(testing::max_abs_diff(a.indicator_sds, b.indicator_sds), tol) << where;
        EXPECT_NEAR(a.gof, b.gof, tol) << where;
        for (std::size_t r = 0, first = 0; r < 250; first += static_cast<std::size_t>(weighted.weights(static_cast<Index>(r))), ++r) {
          ASSERT_LT(testing::max_abs_diff(a.scores.row(static_cast<Index>(r)), b.scores.row(static_cast<Index>(first))), tol)
              << where << " row " << r;
        }
        // Adjusted R2 uses the number of rows (250 vs 500), so it is the one output that differs.
        EXPECT_EQ(a.observations, 250U);
        EXPECT_EQ(b.observations, rows.size());
        EXPECT_NEAR(a.adjusted_r_squared(SAT), 1 - (1 - a.r_squared(SAT)) * 249.0 / 245.0, 1e-14) << where;
      }
    }
  }
}

TEST_F(PathModelBank, ZeroWeightRowsAreIgnored) {
  PlsData weighted = data;
  weighted.weights = Eigen::VectorXd::Ones(250);
  weighted.weights.tail(50).setZero();
  weighted.values.bottomRows(50).setConstant(1e6);  // would dominate if read
  PlsData head;
  head.columns = data.columns;
  head.values = data.values.topRows(200);
  const PathModelResult a = PathModel(testing::bank_spec()).fit(weighted);
  const PathModelResult b = PathModel(testing::bank_spec()).fit(head);
  EXPECT_EQ(a.observations, 200U);
  EXPECT_LT(testing::max_abs_diff(a.outer_weights, b.outer_weights), 1e-10);
  EXPECT_LT(testing::max_abs_diff(a.adjusted_r_squared, b.adjusted_r_squared), 1e-10);
}

// ---- errors ------------------------------------------------------------------------------

template <class E, class F>
void expect_error(F&& call, const std::string& code, const std::string& fragment = {}) {
  try {
    call();
    ADD_FAILURE() << "expected " << code;
  } catch (const E& error) {
    EXPECT_EQ(error.code(), code) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what() << " lacks " << fragment;
  }
}

TEST_F(PathModelBank, DataErrorsAreLocated) {
  const PathModel model(testing::bank_spec());
  {
    PlsData bad = data;
    bad.values.col(7).setConstant(5.0);  // expe3
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.zero_variance", "expe3");
  }
  {
    PlsData bad = data;
    bad.columns[3] = "imag_four";
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.unknown_column", "imag4");
  }
  {
    PlsData bad = data;
    bad.values(41, 12) = std::nan("");
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.non_finite", "row 42 column 'qual3'");
  }
  {
    PlsData bad = data;
    bad.values.conservativeResize(2, Eigen::NoChange);
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.too_few_rows", "need at least 6");
  }
  {
    PlsData bad = data;
    bad.columns[20] = bad.columns[2];
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.duplicate_column", "imag3");
  }
  {
    PlsData bad = data;
    bad.columns.pop_back();
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.shape");
  }
  {
    PlsData bad = data;
    bad.weights = Eigen::VectorXd::Ones(250);
    bad.weights(9) = -1;
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.bad_weight", "row 10");
    bad.weights.setZero();
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.bad_weight");
    bad.weights.resize(3);
    expect_error<InvalidArgument>([&] { (void)model.fit(bad); }, "pls.bad_weight");
  }
}

TEST_F(PathModelBank, NonConvergenceIsAConvergenceError) {
  PlsOptions options;
  options.max_iterations = 2;
  expect_error<ConvergenceError>([&] { (void)PathModel(testing::bank_spec(), options).fit(data); },
                                 "pls.not_converged", "after 2 iterations");
  options.stop_rule = StopRule::Plspm;
  options.tolerance = 1e-12;
  options.max_iterations = 3;
  expect_error<ConvergenceError>([&] { (void)PathModel(testing::bank_spec(), options).fit(data); },
                                 "pls.not_converged", "'plspm'");
}

TEST_F(PathModelBank, CollinearModeBBlockIsReported) {
  PlsData bad = data;
  bad.values.col(1) = 2.0 * bad.values.col(0) + bad.values.col(2);  // imag2 = 2 imag1 + imag3
  expect_error<ConvergenceError>([&] { (void)PathModel(testing::bank_spec(OuterMode::B)).fit(bad); },
                                 "pls.singular_block", "IMAG");
  EXPECT_NO_THROW((void)PathModel(testing::bank_spec(OuterMode::A)).fit(bad));  // Mode A needs no inverse
}

TEST(PathModelOptions, InvalidOptionsAreRejected) {
  PlsOptions options;
  options.tolerance = 0;
  expect_error<InvalidArgument>([&] { PathModel model(testing::bank_spec(), options); }, "pls.bad_option");
  options.tolerance = std::nan("");
  expect_error<InvalidArgument>([&] { PathModel model(testing::bank_spec(), options); }, "pls.bad_option");
  options = PlsOptions{};
  options.max_iterations = 0;
  expect_error<InvalidArgument>([&] { PathModel model(testing::bank_spec(), options); }, "pls.bad_option");
}

TEST(PathModelOptions, EnumNamesRoundTrip) {
  EXPECT_EQ(to_name(InnerScheme::Factorial), "factorial");
  EXPECT_EQ(from_name<StopRule>("plspm", "stop rule"), StopRule::Plspm);
  EXPECT_EQ(from_name<OuterMode>("b", "mode"), OuterMode::B);
  EXPECT_EQ(from_name<OuterMode>("a_consistent", "mode"), OuterMode::AConsistent);
  EXPECT_EQ(to_name(OuterMode::AConsistent), "a_consistent");
  EXPECT_THROW((void)from_name<InnerScheme>("horst", "scheme"), InvalidArgument);
}

TEST_F(PathModelBank, ConsistentPredictorsThatNoDataCouldHaveAreInadmissible) {
  // With these weights EXPE and QUAL disattenuate so far that SAT's four predictors have a
  // correlation matrix that is not positive definite: inadmissible, not "collinear".
  PlsData weighted = data;
  weighted.weights.resize(250);
  for (Index r = 0; r < 250; ++r) weighted.weights(r) = 1 + static_cast<int>((r * 7) % 3);
  expect_error<ConvergenceError>([&] { (void)PathModel(testing::bank_spec(OuterMode::AConsistent)).fit(weighted); },
                                 "pls.inadmissible", "predictors of 'SAT' are not positive definite");
  EXPECT_NO_THROW((void)PathModel(testing::bank_spec(OuterMode::A)).fit(weighted));
}

TEST(PathModelConsistent, InadmissibleSolutionIsAConvergenceError) {
  // Two 2-indicator blocks whose indicators correlate .3 within and .5 across blocks: the
  // composites correlate .77 but each has rho_A = .46, so the disattenuated correlation is 1.67.
  Eigen::MatrixXd target(4, 4);
  target << 1, .3, .5, .5,  //
      .3, 1, .5, .5,        //
      .5, .5, 1, .3,        //
      .5, .5, .3, 1;
  RandomStream stream(11);
  Eigen::MatrixXd z(400, 4);
  for (Index r = 0; r < z.rows(); ++r)
    for (Index c = 0; c < 4; ++c) z(r, c) = stream.normal();
  z = z.rowwise() - z.colwise().mean();
  // Whiten the sample, then colour it: the sample correlation is exactly the target.
  const Eigen::MatrixXd cov = z.transpose() * z / static_cast<double>(z.rows());
  const Eigen::MatrixXd white = z * Eigen::LLT<Eigen::MatrixXd>(cov).matrixU().toDenseMatrix().inverse();
  const PlsData data{white * Eigen::LLT<Eigen::MatrixXd>(target).matrixU().toDenseMatrix(), {"x1", "x2", "y1", "y2"}, {}};
  const std::vector<InnerPath> paths{{"X", "Y"}};
  const PlsModelSpec consistent({{"X", {"x1", "x2"}, OuterMode::AConsistent}, {"Y", {"y1", "y2"}, OuterMode::AConsistent}},
                                paths);
  expect_error<ConvergenceError>([&] { (void)PathModel(consistent).fit(data); }, "pls.inadmissible", "latents X, Y");
  const PathModelResult plain =
      PathModel(PlsModelSpec({{"X", {"x1", "x2"}, OuterMode::A}, {"Y", {"y1", "y2"}, OuterMode::A}}, paths)).fit(data);
  EXPECT_NEAR(plain.latent_correlations(0, 1), 2.0 / 2.6, 1e-12);
  EXPECT_NEAR(plain.rho_a(0), 0.6 / 1.3, 1e-12);
}

}  // namespace
}  // namespace massline::scoring::pls
